namespace CollapseLab.Loop;

/// <summary>
/// A statistic of a pool's first entries kept as a running total. Accumulate trains on the whole pool, a prefix
/// that grows by one generation an iteration, so <see cref="Of"/> extends the last total by the entries that joined
/// since instead of merging the whole pool again. Entries are always added in order from entry 0, so a total is
/// bit-identical to one merged afresh; a shorter prefix than the last (only a custom workflow selects one) starts again.
/// </summary>
/// <typeparam name="TTotal">The statistic (sufficient statistics, counts, label sums).</typeparam>
internal sealed class PrefixTotal<TTotal> where TTotal : class
{
    private TTotal? _total; // of entries 0.._length − 1
    private int _length;

    /// <summary>The total of entries 0..<paramref name="length"/> − 1 (<paramref name="length"/> ≥ 1).</summary>
    /// <param name="length">How many of the pool's first entries the total covers.</param>
    /// <param name="start">The total of entry 0 alone.</param>
    /// <param name="add">The total with entry k added (it may update the total in place and return it).</param>
    public TTotal Of(int length, Func<int, TTotal> start, Func<TTotal, int, TTotal> add)
    {
        if (_total is null || length < _length)
        {
            _total = start(0);
            _length = 1;
        }
        for (; _length < length; _length++) _total = add(_total, _length);
        return _total;
    }
}
