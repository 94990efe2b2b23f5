using System.Runtime.CompilerServices;
using CollapseLab.Loop;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Reports.Theory;

/// <summary>
/// The Gaussian setting's exact expectations (DESIGN.md §5, docs/theory.md): E mean_sq_error and E cov_trace_ratio
/// for every workflow <see cref="GaussianRecursion"/> knows (the reference three, whole-entry workflows, mix, with
/// fresh real data, growth, temperature or the unbiased estimator; not curation), and E cov_det_ratio under plain
/// Replace with the ML covariance and n &gt; d.
/// </summary>
public sealed class GaussianTheoryOverlay : ITheoryOverlay
{
    // one recursion per group, computed on first use: it yields every iteration at once
    private readonly ConditionalWeakTable<RunGroup, StrongBox<GaussianExpectation?>> _expectations = new();

    /// <inheritdoc/>
    public string Task => "gaussian";

    /// <inheritdoc/>
    public double? Expectation(RunGroup group, string metric, int iteration)
    {
        if (group.Representative.Task is not GaussianSetting setting || iteration < 1) return null;
        switch (metric)
        {
            case MetricNames.MeanSqError or MetricNames.CovTraceRatio:
                var expected = _expectations.GetValue(group, g =>
                    new StrongBox<GaussianExpectation?>(GaussianRecursion.Expect(setting, g.Representative.Workflow, g.Samples, g.Iterations))).Value;
                if (expected is null || iteration > expected.MeanSqError.Length) return null;
                return metric == MetricNames.MeanSqError ? expected.MeanSqError[iteration - 1] : expected.TraceRatio[iteration - 1];
            case MetricNames.CovDetRatio:
                bool plain = group.Representative.Workflow is Replace && group.Representative.Workflow.Growth == PoolGrowth.Default
                    && setting.Estimator == CovarianceEstimator.Mle && setting.Temperature == 1;
                return plain ? GaussianTheory.DetRatio("replace", setting.Dim, group.Samples, iteration) : null;
            default:
                return null;
        }
    }
}
