using CollapseLab.Loop;
using CollapseLab.Workflows;

namespace CollapseLab.Tasks.Discrete;

/// <summary>Exact expectations of the discrete setting (docs/semantics.md §5), uniform truth over K outcomes, n draws per generation.</summary>
public static class DiscreteTheory
{
    /// <summary>The setting's theory (<see cref="TaskInfo.Theory"/>): E gini_simpson under plain Replace and Accumulate.</summary>
    public static IReadOnlyDictionary<string, double[]> Expect(RunSpec run)
    {
        var expected = new Dictionary<string, double[]>();
        if (run.Task is DiscreteSetting setting && GiniSimpson(run.Workflow, setting.Outcomes, run.Samples, 1) is not null)
            expected[MetricNames.GiniSimpson] = Enumerable.Range(1, run.Iterations).Select(t => GiniSimpson(run.Workflow, setting.Outcomes, run.Samples, t)!.Value).ToArray();
        return expected;
    }

    /// <summary>
    /// E gini_simpson_t: plain Replace (1 − 1/K)(1 − 1/n)^t; plain Accumulate (1 − 1/K) Π_{k=1..t} (1 − 1/(n k²));
    /// otherwise (another workflow, or modifiers such as fresh real data) null.
    /// </summary>
    public static double? GiniSimpson(IWorkflow workflow, int outcomes, int samples, int t)
    {
        double start = 1 - 1.0 / outcomes;
        if (workflow.Growth != PoolGrowth.Default) return null;
        switch (workflow)
        {
            case Replace:
                return start * Math.Pow(1 - 1.0 / samples, t);
            case Accumulate:
                for (int k = 1; k <= t; k++) start *= 1 - 1.0 / (samples * (double)k * k);
                return start;
            default:
                return null;
        }
    }

    /// <summary>The approximate expected fixation iteration under Replace from a uniform start: 2n(K − 1)·ln(K/(K − 1)).</summary>
    public static double FixationIteration(int outcomes, int samples) =>
        2.0 * samples * (outcomes - 1) * Math.Log(outcomes / (outcomes - 1.0));
}
