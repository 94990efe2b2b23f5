namespace CollapseLab.Store;

/// <summary>One row of the store's <c>runs</c> table: what ran, how it ended, where and when.</summary>
/// <param name="RunId">The run's stable id (<see cref="Loop.RunSpec.Id"/> when it was written).</param>
/// <param name="Parameters">Every parameter except the seed, canonical, in <see cref="Loop.RunSpec.Parameters"/> order.</param>
/// <param name="Elapsed">Wall time of the run itself.</param>
/// <param name="Threads">Parallel runs of the process that ran it.</param>
public sealed record StoredRun(
    string RunId, string Task, string Workflow, IReadOnlyList<KeyValuePair<string, string>> Parameters, ulong Seed,
    int Samples, int Iterations, RunStatus Status, string? Error, DateTime StartedAt, DateTime FinishedAt, TimeSpan Elapsed,
    string Host, string ToolVersion, int Threads);
