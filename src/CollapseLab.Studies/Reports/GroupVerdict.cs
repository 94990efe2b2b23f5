namespace CollapseLab.Reports;

/// <summary>
/// The collapse verdict of one <see cref="RunGroup"/> (rule: <see cref="VerdictRule"/>), taken on <see cref="Metric"/>:
/// the task's loss, or the next metric defined from the first iteration when the loss is not (<see cref="Loss"/> then
/// differs). It holds the mean of that metric at the first and last iteration and their ratio (as the figures show
/// them), the median per-seed slope over the last half of the iterations and the median per-seed change L_T − L_1,
/// each with a distribution-free 95% confidence interval, the materiality threshold τ, how many seeds reached a
/// degenerate absorbing state and the median iteration at which they did, and the verdict with its reason.
/// </summary>
public sealed record GroupVerdict(
    RunGroup Group,
    string Loss,
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
    int CollapsedSeeds,
    MedianInterval CollapseIteration,
    Verdict Verdict,
    string Reason)
{
    /// <summary>The verdict as the report writes it (<c>diverging</c>, …).</summary>
    public string VerdictText => Verdict.ToString().ToLowerInvariant();

    /// <summary>Whether the verdict is taken on another metric than the loss (the loss is not defined from the start).</summary>
    public bool OnStandIn => Metric != Loss;
}
