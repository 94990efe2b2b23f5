using CollapseLab.Loop;
using CollapseLab.Tasks.LinReg;
using CollapseLab.Workflows;

namespace CollapseLab.Reports.Theory;

/// <summary>E test_mse under plain Replace and Accumulate for n &gt; d + 1 (<see cref="LinRegTheory"/>).</summary>
public sealed class LinRegTheoryOverlay : ITheoryOverlay
{
    /// <inheritdoc/>
    public string Task => "linreg";

    /// <inheritdoc/>
    public double? Expectation(RunGroup group, string metric, int iteration) =>
        metric == MetricNames.TestMse && group.Representative.Task is LinRegSetting setting
            && group.Representative.Workflow.Growth == PoolGrowth.Default
            ? LinRegTheory.TestMse(group.Workflow, setting.Dim, group.Samples, setting.Sigma2, iteration)
            : null;
}
