using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CollapseLab.Loop;
using CollapseLab.Tasks.Kde;
using CollapseLab.Workflows;

namespace CollapseLab.Benchmarks.Kde;

/// <summary>
/// The reference study's KDE grid: 4 datasets × h ∈ {0.1, 0.5, 1.0} × n ∈ {10, 32, 100, 316, 1000} × 3 workflows
/// × 100 iterations, for <see cref="Seeds"/> of the 100 seeds (180 runs per seed), runs spread over all cores.
/// The whole grid takes about 100 / Seeds times as long.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class KdeGridBenchmarks
{
    [Params(5)]
    public int Seeds { get; set; }

    private List<RunSpec> _runs = [];

    [GlobalSetup]
    public void Setup()
    {
        _runs = [];
        foreach (var dataset in new[] { KdeDataset.Moons, KdeDataset.Circles, KdeDataset.SwissRoll, KdeDataset.Blobs })
            foreach (double h in new[] { 0.1, 0.5, 1.0 })
            {
                var setting = new KdeSetting(dataset, KdeBandwidth.Fixed(h));
                foreach (int n in new[] { 10, 32, 100, 316, 1000 })
                    foreach (var workflow in new IWorkflow[] { new Replace(), new Accumulate(), new AccumulateSubsample() })
                        for (int seed = 0; seed < Seeds; seed++)
                            _runs.Add(new RunSpec(setting, workflow, n, 100, (ulong)seed));
            }
    }

    [Benchmark]
    public int Grid()
    {
        int failed = 0;
        Parallel.ForEach(_runs, run =>
        {
            if (!run.Task.Run(run).Succeeded) Interlocked.Increment(ref failed);
        });
        return failed == 0 ? _runs.Count : throw new InvalidOperationException($"{failed} runs failed");
    }
}
