using CollapseLab.Data;

namespace CollapseLab.Tasks.Discrete;

/// <summary>
/// A generation of draws from K outcomes, stored as counts per outcome (only outcomes that occur), so a
/// generation costs O(support) memory and time however many samples it has.
/// </summary>
/// <remarks>
/// The draws of a generation are exchangeable, so their order carries no information. Sample i is defined
/// as the i-th draw in outcome-sorted order: the first Counts[0] samples are outcome Outcomes[0], and so on.
/// <see cref="Take"/> selects samples by those indices; a uniform random subset of indices therefore gives a
/// multivariate hypergeometric subset of the counts, exactly as subsetting individual draws would.
/// </remarks>
public sealed class OutcomeCounts : IDataset<OutcomeCounts>
{
    private long[]? _ends; // _ends[i] = Σ_{j≤i} counts[j], built on the first Take

    internal CountVector Vector { get; }

    /// <summary>The outcomes that occur, increasing.</summary>
    public ReadOnlySpan<int> Outcomes => Vector.Outcomes;

    /// <summary>How often each of <see cref="Outcomes"/> occurs (all positive).</summary>
    public ReadOnlySpan<long> Counts => Vector.Counts;

    /// <inheritdoc/>
    public int Count { get; }

    internal OutcomeCounts(CountVector vector)
    {
        if (vector.Total > int.MaxValue) throw new ArgumentException($"a generation holds at most {int.MaxValue} samples", nameof(vector));
        Vector = vector;
        Count = (int)vector.Total;
    }

    /// <summary>The counts of the individual outcomes <paramref name="draws"/> (each in 0..K−1), in any order.</summary>
    public static OutcomeCounts FromDraws(ReadOnlySpan<int> draws)
    {
        var sorted = draws.ToArray();
        Array.Sort(sorted);
        return new OutcomeCounts(CountVector.FromSorted(sorted));
    }

    /// <summary>How many samples are outcome <paramref name="outcome"/>.</summary>
    public long CountOf(int outcome)
    {
        int i = Array.BinarySearch(Vector.Outcomes, outcome);
        return i >= 0 ? Vector.Counts[i] : 0;
    }

    /// <inheritdoc/>
    /// <remarks>O(m log m + m log s) for m indices and support s; indices are positions in outcome-sorted order.</remarks>
    public OutcomeCounts Take(ReadOnlySpan<int> indices)
    {
        var ends = _ends ??= CumulativeEnds();
        var positions = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), index, $"must be in [0, {Count})");
            // The first position whose cumulative count exceeds the index holds that sample.
            int at = Array.BinarySearch(ends, (long)index + 1);
            positions[i] = at >= 0 ? at : ~at;
        }
        Array.Sort(positions);
        var outcomes = new int[positions.Length];
        for (int i = 0; i < positions.Length; i++) outcomes[i] = Vector.Outcomes[positions[i]];
        return new OutcomeCounts(CountVector.FromSorted(outcomes));
    }

    /// <inheritdoc/>
    public static OutcomeCounts Concat(IReadOnlyList<OutcomeCounts> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to concatenate", nameof(parts));
        return parts.Count == 1 ? parts[0] : new OutcomeCounts(CountVector.Sum(parts.Select(p => p.Vector).ToArray()));
    }

    private long[] CumulativeEnds()
    {
        var ends = new long[Vector.Support];
        long total = 0;
        for (int i = 0; i < ends.Length; i++) ends[i] = total += Vector.Counts[i];
        return ends;
    }
}
