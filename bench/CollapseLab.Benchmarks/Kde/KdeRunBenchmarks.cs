using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CollapseLab.Loop;
using CollapseLab.Tasks.Kde;
using CollapseLab.Workflows;

namespace CollapseLab.Benchmarks.Kde;

/// <summary>Whole KDE runs (moons, 500 test points) timed end to end: the performance targets.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class KdeRunBenchmarks
{
    private static RunResult Run(string bandwidth, IWorkflow workflow, int samples, int iterations, bool incremental = true)
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Moons, Bandwidth = KdeBandwidth.TryParse(bandwidth)!.Value }) { IncrementalScoring = incremental };
        var result = setting.Run(new RunSpec(setting, workflow, samples, iterations, 1));
        return result.Succeeded ? result : throw new InvalidOperationException(result.Error);
    }

    /// <summary>Target: under 0.5 s.</summary>
    [Benchmark]
    public RunResult Accumulate_n1000_h05_T100() => Run("0.5", new Accumulate(), 1000, 100);

    /// <summary>The same run rescoring the whole pool every iteration (what incremental scoring saves).</summary>
    [Benchmark]
    public RunResult Accumulate_n1000_h05_T100_rescoring() => Run("0.5", new Accumulate(), 1000, 100, incremental: false);

    [Benchmark]
    public RunResult Replace_n1000_h05_T100() => Run("0.5", new Replace(), 1000, 100);

    /// <summary>A rule-of-thumb bandwidth changes with N, so every iteration rescores the whole pool: O(test × t·n).</summary>
    [Benchmark]
    public RunResult Accumulate_n1000_scott_T100() => Run("scott", new Accumulate(), 1000, 100);

    /// <summary>Target: under 10 s.</summary>
    [Benchmark]
    public RunResult Accumulate_n1000_h05_T1000() => Run("0.5", new Accumulate(), 1000, 1000);
}
