using CollapseLab.Data;

namespace CollapseLab.Loop;

/// <summary>The append-only list of generations of one run; entry indices never change.</summary>
public sealed class Pool<TData> where TData : IDataset<TData>
{
    private readonly List<TData> _data = [];
    private readonly List<PoolEntry> _entries = [];

    /// <summary>What workflows see: origins, generations and sizes.</summary>
    public IReadOnlyList<PoolEntry> Entries => _entries;

    /// <summary>The data of entry <paramref name="index"/>.</summary>
    public TData this[int index] => _data[index];

    /// <summary>Appends <paramref name="data"/> as the next entry.</summary>
    /// <param name="data">The samples of the new entry.</param>
    /// <param name="origin">Real data or a model's samples.</param>
    /// <param name="generation">0 for the initial real data; t for data added after iteration t's fit.</param>
    public void Add(TData data, Origin origin, int generation)
    {
        _data.Add(data);
        _entries.Add(new PoolEntry(origin, generation, data.Count));
    }
}
