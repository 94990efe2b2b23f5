namespace CollapseLab.Reports;

/// <summary>What a run group's loss trajectory did over the iterations (rule: <see cref="VerdictRule"/>).</summary>
public enum Verdict
{
    /// <summary>Most seeds reached a degenerate absorbing state (entropy 0, support 1, a variance ratio 0, a loss of +∞).</summary>
    Collapsed,
    /// <summary>Still getting worse at the end: slope over the last half significantly worse than 0 and material.</summary>
    Diverging,
    /// <summary>Got materially worse overall, but no longer materially or significantly so.</summary>
    Plateauing,
    /// <summary>No significant, material change between the first and last iteration.</summary>
    Stable,
    /// <summary>Significantly and materially better at the last iteration than at the first.</summary>
    Improving,
    /// <summary>The data cannot decide (too few seeds or iterations, or no metric defined from the start).</summary>
    Undetermined,
}
