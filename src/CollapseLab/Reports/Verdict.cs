namespace CollapseLab.Reports;

/// <summary>What a run group's loss trajectory did over the iterations (rule: <see cref="VerdictRule"/>).</summary>
public enum Verdict
{
    /// <summary>Still getting worse at the end: slope over the last half significantly worse than 0 and material.</summary>
    Diverging,
    /// <summary>Got materially worse overall, but no longer materially or significantly so.</summary>
    Plateauing,
    /// <summary>No significant, material change between the first and last iteration.</summary>
    Stable,
    /// <summary>Significantly and materially better at the last iteration than at the first.</summary>
    Improving,
    /// <summary>The data cannot decide (too few seeds or iterations, or a non-finite loss from the start).</summary>
    Undetermined,
}
