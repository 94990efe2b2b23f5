namespace CollapseLab.Data;

/// <summary>A generation's data: a collection of samples that can be subset and concatenated.</summary>
/// <typeparam name="TSelf">The implementing type (rows of numbers, counts, documents).</typeparam>
public interface IDataset<TSelf> where TSelf : IDataset<TSelf>
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>The samples at <paramref name="indices"/>, in that order.</summary>
    TSelf Take(ReadOnlySpan<int> indices);

    /// <summary>All samples of <paramref name="parts"/>, in order.</summary>
    static abstract TSelf Concat(IReadOnlyList<TSelf> parts);
}
