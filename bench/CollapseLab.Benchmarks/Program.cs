using BenchmarkDotNet.Running;

// Pick benchmarks by filter, e.g. `dotnet run -c Release -- --filter '*Kde*'`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
