using System.Globalization;
using CollapseLab.Loop;
using CollapseLab.Tasks.Gaussian;

namespace CollapseLab.Reports.Theory;

/// <summary>
/// DESIGN.md §5 for the Gaussian setting: E mean_sq_error and E cov_trace_ratio under Replace, Accumulate and
/// Accumulate-Subsample, E cov_det_ratio under Replace (n &gt; d). Only where the formulas' assumptions hold: the ML
/// covariance, sampling temperature 1, and a reference workflow without modifiers (fresh real data, growth, curation).
/// </summary>
public sealed class GaussianTheoryOverlay : ITheoryOverlay
{
    public string Task => "gaussian";

    public double? Expectation(RunGroup group, string metric, int iteration)
    {
        if (group.TaskParameter("estimator") is not (null or "mle")) return null;
        if (group.TaskParameter("temperature") is not (null or "1")) return null;
        if (group.WorkflowParameters.Count > 0) return null;
        int dim = int.Parse(group.TaskParameter("dim") ?? "1", CultureInfo.InvariantCulture);
        double sigma2 = double.Parse(group.TaskParameter("sigma2") ?? "1", CultureInfo.InvariantCulture);
        return metric switch
        {
            MetricNames.MeanSqError => GaussianTheory.MeanSqError(group.Workflow, dim, group.Samples, sigma2, iteration),
            MetricNames.CovTraceRatio => GaussianTheory.TraceRatio(group.Workflow, group.Samples, iteration),
            MetricNames.CovDetRatio => GaussianTheory.DetRatio(group.Workflow, dim, group.Samples, iteration),
            _ => null,
        };
    }
}
