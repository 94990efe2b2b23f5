using CollapseLab.Data;

namespace CollapseLab.Lm;

/// <summary>A generation of documents: the data type of the language-model setting.</summary>
public sealed class Documents : IDataset<Documents>
{
    /// <summary>The documents, in order.</summary>
    public IReadOnlyList<Document> Items { get; }

    /// <summary>The generation of <paramref name="items"/> (not copied).</summary>
    public Documents(IReadOnlyList<Document> items) => Items = items;

    /// <inheritdoc/>
    public int Count => Items.Count;

    /// <inheritdoc/>
    public Documents Take(ReadOnlySpan<int> indices)
    {
        var items = new Document[indices.Length];
        for (int i = 0; i < indices.Length; i++) items[i] = Items[indices[i]];
        return new Documents(items);
    }

    /// <inheritdoc/>
    public static Documents Concat(IReadOnlyList<Documents> parts) =>
        parts.Count == 1 ? parts[0] : new Documents(parts.SelectMany(p => p.Items).ToArray());
}
