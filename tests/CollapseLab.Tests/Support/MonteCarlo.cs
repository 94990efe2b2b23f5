using CollapseLab.Loop;
using CollapseLab.Running;

namespace CollapseLab.Tests.Support;

/// <summary>Monte-Carlo estimates over many seeds, compared with exact expectations within a number of standard errors.</summary>
public static class MonteCarlo
{
    /// <summary>Runs <paramref name="seeds"/> seeds (0, 1, …) of the run and returns every result.</summary>
    public static RunResult[] Run(ITaskSetting task, CollapseLab.Workflows.IWorkflow workflow, int samples, int iterations, int seeds)
    {
        var specs = Enumerable.Range(0, seeds).Select(s => RunSpec.Create(task, workflow, samples, iterations, (ulong)s)).ToArray();
        var results = Runner.Run(specs);
        foreach (var r in results) Assert.True(r.Succeeded, $"seed {r.Spec.Seed} failed: {r.Error}");
        return results;
    }

    /// <summary>The values of <paramref name="metric"/> at <paramref name="iteration"/>, one per run.</summary>
    public static double[] Values(IEnumerable<RunResult> results, string metric, int iteration) =>
        results.Select(r => r.Metrics.Single(m => m.Iteration == iteration && m.Metric == metric).Value).ToArray();

    /// <summary>Sample mean and its standard error.</summary>
    public static (double Mean, double StandardError) MeanAndError(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Math.Sqrt(variance / values.Count));
    }

    /// <summary>
    /// Asserts |mean − expected| ≤ 4 SE, and that the test is sharp: 4 SE is at most <paramref name="maxRelativeWidth"/>
    /// of the expected value, so a wrong formula or a biased simulation cannot pass by noise.
    /// </summary>
    public static void AssertMean(IReadOnlyList<double> values, double expected, string what, double maxRelativeWidth = 0.1)
    {
        var (mean, se) = MeanAndError(values);
        Assert.True(Math.Abs(mean - expected) <= 4 * se,
            $"{what}: mean {mean:G6} over {values.Count} seeds is {Math.Abs(mean - expected) / se:0.0} SE from the expected {expected:G6} (SE {se:G3})");
        Assert.True(4 * se <= maxRelativeWidth * Math.Abs(expected),
            $"{what}: the test is not sharp: 4 SE = {4 * se:G3} exceeds {maxRelativeWidth:P0} of {expected:G6}; use more seeds");
    }
}
