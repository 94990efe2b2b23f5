namespace CollapseLab.Reports;

/// <summary>
/// The collapse verdict of one <see cref="RunGroup"/> on its loss <see cref="Metric"/> (rule: <see cref="VerdictRule"/>):
/// the mean loss at the first and last iteration and their ratio (as the figures show them), the median per-seed
/// slope over the last half of the iterations and the median per-seed change L_T − L_1, each with a distribution-free
/// 95% confidence interval, the materiality threshold τ, and the verdict with the reason the rule gave it.
/// </summary>
public sealed record GroupVerdict(
    RunGroup Group,
    string Metric,
    int Seeds,
    int FirstIteration,
    int LastIteration,
    double First,
    double Last,
    double Ratio,
    int SlopeFrom,
    MedianInterval Slope,
    MedianInterval Change,
    double Tolerance,
    Verdict Verdict,
    string Reason)
{
    /// <summary>The verdict as the report writes it (<c>diverging</c>, …).</summary>
    public string VerdictText => Verdict.ToString().ToLowerInvariant();
}
