using System.CommandLine;
using System.Diagnostics;
using CollapseLab.Cli.Console;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Cli.Commands.Bench;

/// <summary><c>collapse bench kde</c>: times the issue's single-run targets and the reference study's whole KDE grid.</summary>
public static class KdeBench
{
    internal static Command Create()
    {
        var kde = new Command("kde", "Time single KDE runs (moons, n=1000) and the reference study's KDE grid, the one `reproduce --scale paper` runs (sweeps/reproduce/paper/kde.yaml).");
        var seeds = new Option<int>("--seeds") { Description = "seeds per grid cell [default 100: the reference grid, 18,000 runs]", DefaultValueFactory = _ => 100 };
        var threads = new Option<int>("--threads") { Description = "parallel runs [default: all cores]", DefaultValueFactory = _ => 0 };
        kde.Options.Add(seeds);
        kde.Options.Add(threads);
        kde.SetAction(parsed => Run(BenchGrid.Load("kde.yaml", parsed.GetValue(seeds)), parsed.GetValue(threads)));
        return kde;
    }

    private static RunSpec Spec(string dataset, string bandwidth, string workflow, int samples, int iterations, ulong seed) =>
        RunSpec.Create(CollapseCli.Catalog.Create("kde", new Dictionary<string, string> { ["dataset"] = dataset, ["bandwidth"] = bandwidth }),
            CollapseCli.Catalog.Workflows.Create(workflow), samples, iterations, seed);

    private static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    private static int Run(BenchGrid grid, int threads)
    {
        System.Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        var warmUp = Spec("moons", "0.5", "accumulate", 1000, 100, 0);
        for (int i = 0; i < 3; i++) warmUp.Task.Run(warmUp); // until the JIT's tiered compilation settles
        foreach (var (bandwidth, iterations, target) in new[] { ("0.5", 100, "target < 0.5 s"), ("0.5", 1000, "target < 10 s"), ("scott", 100, "rescores the pool every iteration") })
        {
            var single = Spec("moons", bandwidth, "accumulate", 1000, iterations, 0);
            var (clock, cpu) = (Stopwatch.StartNew(), CpuTime());
            var result = single.Task.Run(single);
            System.Console.WriteLine($"one run, moons n=1000 h={bandwidth} accumulate, {iterations} iterations: {clock.Elapsed.TotalSeconds:0.000} s, "
                + $"CPU {(CpuTime() - cpu).TotalSeconds:0.000} s ({target}){(result.Succeeded ? "" : ", failed: " + result.Error)}");
        }

        var specs = grid.Runs;
        var (gridClock, gridCpu) = (Stopwatch.StartNew(), CpuTime());
        var results = ProgressDisplay.Run("kde grid", specs.Count, tick => Runner.Run(specs, threads, _ => tick()));
        var (gridTime, gridCpuTime) = (gridClock.Elapsed, CpuTime() - gridCpu);
        int failed = results.Count(r => !r.Succeeded);
        // On a shared machine the wall time depends on the other load; the CPU time shows what idle cores would take.
        System.Console.WriteLine($"grid: {specs.Count} runs × {specs.Max(s => s.Iterations)} iterations in {gridTime.TotalSeconds:0.0} s ({specs.Count / gridTime.TotalSeconds:0.0} runs/s), "
            + $"CPU {gridCpuTime.TotalSeconds:0.0} s ({gridCpuTime / gridTime:0.00} cores busy on average), {failed} failed");
        if (specs.Count < grid.FileRuns)
        {
            double scale = (double)grid.FileRuns / specs.Count;
            System.Console.WriteLine($"the reference grid (all {grid.FileRuns:N0} runs) at this rate: {gridTime.TotalMinutes * scale:0.0} min; "
                + $"on {Environment.ProcessorCount} idle cores: {gridCpuTime.TotalMinutes * scale / Environment.ProcessorCount:0.0} min");
        }
        return failed == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
    }
}
