using System.CommandLine;
using System.Diagnostics;
using CollapseLab.Cli.Console;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Cli.Commands.Bench;

/// <summary><c>collapse bench gaussian</c>: times the reference study's whole Gaussian grid (the performance target).</summary>
public static class BenchCommand
{
    internal static Command Create()
    {
        var bench = new Command("bench", "Measure end-to-end throughput on the reference study's grids.");
        var gaussian = new Command("gaussian", "Time the reference study's Gaussian grid, the one `reproduce --scale paper` runs (sweeps/reproduce/paper/gaussian.yaml).");
        var seeds = new Option<int>("--seeds") { Description = "seeds per grid cell [default 100: the reference grid, 7,500 runs]", DefaultValueFactory = _ => 100 };
        var threads = new Option<int>("--threads") { Description = "parallel runs [default: all cores]", DefaultValueFactory = _ => 0 };
        gaussian.Options.Add(seeds);
        gaussian.Options.Add(threads);
        gaussian.SetAction(parsed => Gaussian(BenchGrid.Load("gaussian.yaml", parsed.GetValue(seeds)).Runs, parsed.GetValue(threads)));
        bench.Subcommands.Add(gaussian);
        bench.Subcommands.Add(KdeBench.Create());
        bench.Subcommands.Add(ExternalBench.Create());
        bench.Subcommands.Add(BenchLmCommand.Create());
        return bench;
    }

    private static int Gaussian(IReadOnlyList<RunSpec> specs, int threads)
    {
        var single = RunSpec.Create(CollapseCli.Catalog.Create("gaussian", new Dictionary<string, string> { ["dim"] = "100" }), CollapseCli.Catalog.Workflows.Create("accumulate-subsample"), 1000, 100, 0);
        single.Task.Run(single); // warm up the JIT
        var clock = Stopwatch.StartNew();
        single.Task.Run(single);
        var singleTime = clock.Elapsed;

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var results = ProgressDisplay.Run("gaussian grid", specs.Count, tick => Runner.Run(specs, threads, _ => tick()));
        var gridTime = clock.Elapsed;
        var gridCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        int failed = results.Count(r => !r.Succeeded);
        System.Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        System.Console.WriteLine($"one run, d=100 n=1000 accumulate-subsample, 100 iterations: {singleTime.TotalSeconds:0.000} s");
        System.Console.WriteLine($"grid: {specs.Count} runs × {specs.Max(s => s.Iterations)} iterations in {gridTime.TotalSeconds:0.0} s ({specs.Count / gridTime.TotalSeconds:0.0} runs/s), {failed} failed");
        // On a shared machine wall time depends on the neighbours; CPU time / cores is the idle-machine estimate.
        System.Console.WriteLine($"grid CPU time: {gridCpu.TotalSeconds:0.0} s, i.e. {gridCpu.TotalSeconds / Environment.ProcessorCount:0.0} s of wall time on {Environment.ProcessorCount} idle cores");
        return failed == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
    }
}
