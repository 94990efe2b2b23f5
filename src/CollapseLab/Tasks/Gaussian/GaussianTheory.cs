using CollapseLab.Loop;
using CollapseLab.Workflows;

namespace CollapseLab.Tasks.Gaussian;

/// <summary>
/// Exact expectations of the Gaussian metrics under the reference workflows (docs/semantics.md §5), for the ML
/// covariance and iteration 1 fitting the real data. Tests check simulations against these; reports draw them
/// (<see cref="Expect"/>, the setting's <see cref="TaskInfo.Theory"/>).
/// </summary>
public static class GaussianTheory
{
    /// <summary>
    /// The setting's theory: E mean_sq_error and E cov_trace_ratio for every workflow <see cref="GaussianRecursion"/>
    /// knows (the reference three, whole-entry workflows, mix, with fresh real data, growth, temperature or the unbiased
    /// estimator; not curation), and E cov_det_ratio under plain Replace with the ML covariance, τ = 1 and n &gt; d.
    /// </summary>
    public static IReadOnlyDictionary<string, double[]> Expect(RunSpec run)
    {
        var expected = new Dictionary<string, double[]>();
        if (run.Task is not GaussianSetting setting) return expected;
        if (GaussianRecursion.Expect(setting, run.Workflow, run.Samples, run.Iterations) is { } moments)
        {
            expected[MetricNames.MeanSqError] = moments.MeanSqError;
            expected[MetricNames.CovTraceRatio] = moments.TraceRatio;
        }
        if (setting.Estimator == CovarianceEstimator.Mle && setting.Temperature == 1 && DetRatio(run.Workflow, setting.Dim, run.Samples, 1) is not null)
            expected[MetricNames.CovDetRatio] = Enumerable.Range(1, run.Iterations).Select(t => DetRatio(run.Workflow, setting.Dim, run.Samples, t)!.Value).ToArray();
        return expected;
    }

    /// <summary>E‖μ̂_t‖² (metric mean_sq_error) under plain Replace, Accumulate or Accumulate-Subsample, else null.</summary>
    public static double? MeanSqError(IWorkflow workflow, int dim, int samples, double sigma2, int t) => Reference(workflow) switch
    {
        Replace => sigma2 * dim * (1 - Math.Pow((samples - 1.0) / samples, t)),
        Accumulate => sigma2 * dim / samples * AccumulateMeanSum(samples, t),
        AccumulateSubsample => sigma2 * dim * SubsampleMoments(samples, t).MeanSqError,
        _ => null,
    };

    /// <summary>E tr Σ̂_t / (σ² d) (metric cov_trace_ratio) under plain Replace, Accumulate or Accumulate-Subsample, else null.</summary>
    public static double? TraceRatio(IWorkflow workflow, int samples, int t) => Reference(workflow) switch
    {
        Replace => Math.Pow((samples - 1.0) / samples, t),
        Accumulate => AccumulateTraceProduct(samples, t),
        AccumulateSubsample => SubsampleMoments(samples, t).TraceRatio,
        _ => null,
    };

    /// <summary>E det Σ̂_t / σ^(2d) (metric cov_det_ratio) under plain Replace for n &gt; d, else null.</summary>
    public static double? DetRatio(IWorkflow workflow, int dim, int samples, int t)
    {
        if (Reference(workflow) is not Replace || samples <= dim) return null;
        double perIteration = 1;
        for (int i = 1; i <= dim; i++) perIteration *= 1 - (double)i / samples;
        return Math.Pow(perIteration, t);
    }

    /// <summary><paramref name="workflow"/> when it is one of the reference study's three without modifiers (what these closed forms are about), else null.</summary>
    public static IWorkflow? Reference(IWorkflow workflow) =>
        workflow is Replace or Accumulate or AccumulateSubsample && workflow.Growth == PoolGrowth.Default ? workflow : null;

    /// <summary>Π_{k=1..t} (1 − 1/(n k²)).</summary>
    private static double AccumulateTraceProduct(int n, int t)
    {
        double product = 1;
        for (int k = 1; k <= t; k++) product *= 1 - 1.0 / (n * (double)k * k);
        return product;
    }

    /// <summary>Σ_{k=1..t} (1/k²) Π_{j=1..k−1} (1 − 1/(n j²)).</summary>
    private static double AccumulateMeanSum(int n, int t)
    {
        double sum = 0, product = 1;
        for (int k = 1; k <= t; k++)
        {
            sum += product / ((double)k * k);
            product *= 1 - 1.0 / (n * (double)k * k);
        }
        return sum;
    }

    /// <summary>
    /// The Accumulate-Subsample recursion: pool size N_t = t·n, a_t = ((n−1)/n)·N_t/(N_t − 1),
    /// b_t = (N_t − n)/(n(N_t − 1)), P_1 = (n−1)/n, M_1 = 1/n,
    /// M_{t+1} = M_t + (b_t + a_t/n)·P_t/(t+1)², P_{t+1} = (t/(t+1))·P_t + ((n−1)/n)·a_t·P_t/(t+1) + t·(b_t·P_t + a_t·P_t/n)/(t+1)²;
    /// then E tr ratio = a_t·P_t and E‖μ̂_t‖²/(σ²d) = M_t + b_t·P_t.
    /// </summary>
    private static (double TraceRatio, double MeanSqError) SubsampleMoments(int n, int t)
    {
        double p = (n - 1.0) / n, m = 1.0 / n;
        for (int s = 1; ; s++)
        {
            double pool = (double)s * n;
            double a = (n - 1.0) / n * pool / (pool - 1), b = (pool - n) / (n * (pool - 1));
            if (s == t) return (a * p, m + b * p);
            double next = s + 1.0;
            m += (b + a / n) * p / (next * next);
            p = s / next * p + (n - 1.0) / n * a * p / next + s * (b * p + a * p / n) / (next * next);
        }
    }
}
