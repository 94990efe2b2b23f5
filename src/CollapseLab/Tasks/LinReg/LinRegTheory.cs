using CollapseLab.Loop;
using CollapseLab.Workflows;

namespace CollapseLab.Tasks.LinReg;

/// <summary>Exact expectations of the linear-regression setting (docs/semantics.md §5), for n &gt; d + 1.</summary>
public static class LinRegTheory
{
    /// <summary>The setting's theory (<see cref="TaskInfo.Theory"/>): E test_mse under plain Replace and Accumulate for n &gt; d + 1.</summary>
    public static IReadOnlyDictionary<string, double[]> Expect(RunSpec run)
    {
        var expected = new Dictionary<string, double[]>();
        if (run.Task is LinRegSetting setting && TestMse(run.Workflow, setting.Dim, run.Samples, setting.Sigma2, 1) is not null)
            expected[MetricNames.TestMse] = Enumerable.Range(1, run.Iterations).Select(t => TestMse(run.Workflow, setting.Dim, run.Samples, setting.Sigma2, t)!.Value).ToArray();
        return expected;
    }

    /// <summary>
    /// E test_mse_t: plain Replace t·σ²d/(n − d − 1); plain Accumulate σ²d/(n − d − 1)·Σ_{i=1..t} 1/i²; otherwise
    /// (another workflow, modifiers such as fresh real data, or n ≤ d + 1) null.
    /// </summary>
    public static double? TestMse(IWorkflow workflow, int dim, int samples, double sigma2, int t)
    {
        if (samples <= dim + 1 || workflow.Growth != PoolGrowth.Default) return null;
        double oneFit = sigma2 * dim / (samples - dim - 1.0);
        return workflow switch
        {
            Replace => t * oneFit,
            Accumulate => oneFit * Enumerable.Range(1, t).Sum(i => 1.0 / ((double)i * i)),
            _ => null,
        };
    }
}
