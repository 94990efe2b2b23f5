using CollapseLab.Loop;
using CollapseLab.Tasks.Discrete;
using CollapseLab.Workflows;

namespace CollapseLab.Reports.Theory;

/// <summary>E gini_simpson under plain Replace and Accumulate (<see cref="DiscreteTheory"/>).</summary>
public sealed class DiscreteTheoryOverlay : ITheoryOverlay
{
    /// <inheritdoc/>
    public string Task => "discrete";

    /// <inheritdoc/>
    public double? Expectation(RunGroup group, string metric, int iteration) =>
        metric == MetricNames.GiniSimpson && group.Representative.Task is DiscreteSetting setting
            && group.Representative.Workflow.Growth == PoolGrowth.Default
            ? DiscreteTheory.GiniSimpson(group.Workflow, setting.Outcomes, group.Samples, iteration)
            : null;
}
