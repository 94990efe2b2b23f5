using BenchmarkDotNet.Running;
using CollapseLab.Benchmarks.Store;

// `sweep-overhead` is a plain timed comparison (whole sweeps are too long for BenchmarkDotNet's repetitions);
// anything else goes to BenchmarkDotNet's switcher (e.g. --filter '*StoreWrite*').
if (args.Length > 0 && args[0] == "sweep-overhead") return SweepOverhead.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
