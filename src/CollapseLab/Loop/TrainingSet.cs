using CollapseLab.Data;

namespace CollapseLab.Loop;

/// <summary>
/// The data a model is fit to: a <see cref="Selection"/> over a <see cref="Pool{TData}"/>. Tasks that keep
/// per-entry statistics (sufficient statistics, cached kernel sums) read <see cref="Selection"/> to reuse
/// them; others call <see cref="Materialize"/>.
/// </summary>
public sealed class TrainingSet<TData>(Pool<TData> pool, Selection selection) where TData : IDataset<TData>
{
    /// <summary>Every generation of the run so far, real and synthetic.</summary>
    public Pool<TData> Pool { get; } = pool;

    /// <summary>Which entries (and rows of them) of <see cref="Pool"/> the model is fit to, chosen by the workflow.</summary>
    public Selection Selection { get; } = selection;

    /// <summary>Total number of training samples.</summary>
    public int Count => Selection.Parts.Sum(p => p.Rows?.Length ?? Pool.Entries[p.Entry].Count);

    /// <summary>The data of one part.</summary>
    public TData Part(SelectionPart part) => part.Rows is null ? Pool[part.Entry] : Pool[part.Entry].Take(part.Rows);

    /// <summary>All training samples, parts in order.</summary>
    public TData Materialize() => TData.Concat(Selection.Parts.Select(Part).ToArray());

    /// <summary>
    /// The number k when the selection is exactly the whole entries 0..k−1 (as under Accumulate), else 0.
    /// Lets a task answer from running statistics over a prefix of the pool.
    /// </summary>
    public int WholePrefixLength()
    {
        var parts = Selection.Parts;
        for (int i = 0; i < parts.Count; i++)
            if (parts[i].Entry != i || parts[i].Rows is not null) return 0;
        return parts.Count;
    }
}
