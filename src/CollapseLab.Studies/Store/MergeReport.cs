namespace CollapseLab.Store;

/// <summary>What <see cref="ResultStore.Merge"/> did.</summary>
/// <param name="Added">Runs copied into the target that it did not have.</param>
/// <param name="Replaced">Failed runs in the target replaced by a completed copy from a source.</param>
/// <param name="Identical">Runs present in both with the same outcome and metric values (kept once).</param>
/// <param name="Conflicts">Runs completed in both with different metric values; the target's copy was kept.</param>
public sealed record MergeReport(int Added, int Replaced, int Identical, IReadOnlyList<MergeConflict> Conflicts);

/// <summary>A run id whose stored results differ between the target and <paramref name="Source"/>.</summary>
public sealed record MergeConflict(string RunId, string Source, string Detail);
