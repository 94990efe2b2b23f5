namespace CollapseLab.Loop;

/// <summary>Part of a training set: a whole pool entry (<paramref name="Rows"/> null) or some of its rows.</summary>
/// <param name="Entry">Index of the pool entry.</param>
/// <param name="Rows">Row indices within the entry, or null for all rows.</param>
public readonly record struct SelectionPart(int Entry, int[]? Rows);

/// <summary>A workflow's answer to "which pool data train the next model": a list of parts.</summary>
public sealed record Selection(IReadOnlyList<SelectionPart> Parts)
{
    /// <summary>Every row of the entries <paramref name="entries"/>.</summary>
    public static Selection Whole(IEnumerable<int> entries) => new(entries.Select(e => new SelectionPart(e, null)).ToArray());
}
