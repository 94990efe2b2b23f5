using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>
/// Train on a fresh uniform random subset of n samples, drawn without replacement from the whole
/// accumulated pool (the real data are not guaranteed to be in it).
/// </summary>
public sealed class AccumulateSubsample(ParameterValues parameters) : Workflow("accumulate-subsample", parameters)
{
    /// <summary>The workflow with the modifiers at their defaults.</summary>
    public AccumulateSubsample() : this(WorkflowCatalog.BuiltIn.Defaults("accumulate-subsample")) { }

    /// <inheritdoc/>
    public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng) =>
        Subsample(pool, Enumerable.Range(0, pool.Count).ToArray(), samples, rng);

    /// <summary>
    /// A uniform subset of <paramref name="size"/> samples without replacement from the entries
    /// <paramref name="entries"/> (all of them when the entries hold fewer), grouped by entry in O(size + entries).
    /// </summary>
    public static Selection Subsample(IReadOnlyList<PoolEntry> pool, int[] entries, int size, Rng rng)
    {
        var offsets = new int[entries.Length + 1];
        for (int e = 0; e < entries.Length; e++) offsets[e + 1] = offsets[e] + pool[entries[e]].Count;
        int total = offsets[^1];
        if (size >= total) return Selection.Whole(entries);

        var drawn = rng.SampleWithoutReplacement(total, size);
        var byEntry = new List<int>?[entries.Length];
        foreach (int flat in drawn)
        {
            int e = Array.BinarySearch(offsets, flat);
            e = e >= 0 ? e : ~e - 1;
            while (offsets[e + 1] <= flat) e++; // skip empty entries that share an offset
            (byEntry[e] ??= []).Add(flat - offsets[e]);
        }
        var parts = new List<SelectionPart>();
        for (int e = 0; e < entries.Length; e++)
            if (byEntry[e] is { } rows) parts.Add(new SelectionPart(entries[e], rows.ToArray()));
        return new Selection(parts);
    }
}
