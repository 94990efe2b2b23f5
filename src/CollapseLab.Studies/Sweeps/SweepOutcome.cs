using CollapseLab.Loop;

namespace CollapseLab.Sweeps;

/// <summary>What a <see cref="SweepRunner.Run"/> did.</summary>
/// <param name="Total">Runs in the sweep (or shard).</param>
/// <param name="Skipped">Runs already completed in the store (resume).</param>
/// <param name="Completed">Runs that ran and completed now.</param>
/// <param name="Failures">Runs that ran and failed now (recorded in the store with their error).</param>
/// <param name="StoreBusy">Time the store writer spent appending and committing (on its own thread).</param>
/// <param name="Elapsed">Wall time of the whole sweep, store writes included.</param>
public sealed record SweepOutcome(int Total, int Skipped, int Completed, IReadOnlyList<RunResult> Failures, TimeSpan StoreBusy, TimeSpan Elapsed)
{
    /// <summary>Runs that ran and failed now.</summary>
    public int Failed => Failures.Count;
}
