namespace CollapseLab.Loop;

/// <summary>The outcome of one run: its metrics, or the error that stopped it (metrics up to then are kept).</summary>
public sealed record RunResult(RunSpec Spec, IReadOnlyList<MetricRow> Metrics, string? Error, TimeSpan Elapsed)
{
    /// <summary>True when no error stopped the run (<see cref="Error"/> is null).</summary>
    public bool Succeeded => Error is null;
}
