namespace CollapseLab.Store;

/// <summary>One row of the store's <c>runs</c> table: what ran, how it ended, where and when.</summary>
/// <param name="RunId">The run's stable id (<see cref="Loop.RunSpec.Id"/> when it was written).</param>
/// <param name="Task">The task setting's name.</param>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Parameters">Every parameter except the seed, canonical, in <see cref="Loop.RunSpec.Parameters"/> order.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Samples">n, samples per generation.</param>
/// <param name="Iterations">T, the iterations asked for (a failed or early-stopped run recorded fewer).</param>
/// <param name="Status">Completed, or failed with <paramref name="Error"/>.</param>
/// <param name="Error">The error that stopped the run; null when it completed.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="FinishedAt">When the run was written (UTC).</param>
/// <param name="Elapsed">Wall time of the run itself.</param>
/// <param name="Host">The machine that ran it.</param>
/// <param name="ToolVersion">The CollapseLab version that ran it (<see cref="ResultStore.ToolVersion"/>).</param>
/// <param name="Threads">Parallel runs of the process that ran it.</param>
public sealed record StoredRun(
    string RunId, string Task, string Workflow, IReadOnlyList<KeyValuePair<string, string>> Parameters, ulong Seed,
    int Samples, int Iterations, RunStatus Status, string? Error, DateTime StartedAt, DateTime FinishedAt, TimeSpan Elapsed,
    string Host, string ToolVersion, int Threads);
