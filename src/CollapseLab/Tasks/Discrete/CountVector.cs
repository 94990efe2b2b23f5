namespace CollapseLab.Tasks.Discrete;

/// <summary>
/// A sparse vector of counts over outcomes 0..K−1: only outcomes with a positive count are stored, in
/// increasing order. Sparse because under Replace the support shrinks towards one outcome, and a long run
/// (K = n = 10⁵ takes ≈ 2·10⁵ generations to fix) must cost O(support) per generation, not O(K).
/// </summary>
internal sealed class CountVector
{
    /// <summary>Outcomes with a positive count, strictly increasing.</summary>
    public int[] Outcomes { get; }

    /// <summary>Their counts, all positive; 64-bit because pooled counts (Accumulate) can exceed 2³¹.</summary>
    public long[] Counts { get; }

    /// <summary>Σ counts.</summary>
    public long Total { get; }

    /// <summary>Number of outcomes with a positive count.</summary>
    public int Support => Outcomes.Length;

    /// <summary>Wraps arrays that already satisfy the invariants (outcomes increasing, counts positive).</summary>
    private CountVector(int[] outcomes, long[] counts, long total)
    {
        Outcomes = outcomes;
        Counts = counts;
        Total = total;
    }

    /// <summary>The vector with the positive entries of <paramref name="counts"/> at <paramref name="outcomes"/> (increasing).</summary>
    public static CountVector FromPositive(ReadOnlySpan<int> outcomes, ReadOnlySpan<int> counts)
    {
        int support = 0;
        foreach (int c in counts) if (c > 0) support++;
        var keptOutcomes = new int[support];
        var keptCounts = new long[support];
        long total = 0;
        for (int i = 0, j = 0; i < counts.Length; i++)
        {
            if (counts[i] <= 0) continue;
            keptOutcomes[j] = outcomes[i];
            keptCounts[j++] = counts[i];
            total += counts[i];
        }
        return new CountVector(keptOutcomes, keptCounts, total);
    }

    /// <summary>The counts of a list of outcomes sorted in increasing order (run-length encoding).</summary>
    public static CountVector FromSorted(ReadOnlySpan<int> sorted)
    {
        var outcomes = new List<int>();
        var counts = new List<long>();
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i] < sorted[i - 1]) throw new ArgumentException("outcomes are not sorted", nameof(sorted));
            if (i > 0 && sorted[i] == sorted[i - 1]) counts[^1]++;
            else
            {
                outcomes.Add(sorted[i]);
                counts.Add(1);
            }
        }
        return new CountVector(outcomes.ToArray(), counts.ToArray(), sorted.Length);
    }

    /// <summary>The sum of two count vectors, by one linear merge.</summary>
    public static CountVector Merge(CountVector a, CountVector b)
    {
        var outcomes = new int[a.Support + b.Support];
        var counts = new long[outcomes.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Support && j < b.Support)
        {
            int oa = a.Outcomes[i], ob = b.Outcomes[j];
            outcomes[k] = Math.Min(oa, ob);
            counts[k++] = (oa <= ob ? a.Counts[i++] : 0) + (ob <= oa ? b.Counts[j++] : 0);
        }
        for (; i < a.Support; i++, k++) (outcomes[k], counts[k]) = (a.Outcomes[i], a.Counts[i]);
        for (; j < b.Support; j++, k++) (outcomes[k], counts[k]) = (b.Outcomes[j], b.Counts[j]);
        return new CountVector(outcomes[..k], counts[..k], a.Total + b.Total);
    }

    /// <summary>The sum of several count vectors: O(S log S) in their total support S, however many there are.</summary>
    public static CountVector Sum(IReadOnlyList<CountVector> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to add", nameof(parts));
        if (parts.Count == 1) return parts[0];
        if (parts.Count == 2) return Merge(parts[0], parts[1]);
        int length = parts.Sum(p => p.Support);
        var outcomes = new int[length];
        var counts = new long[length];
        int at = 0;
        foreach (var p in parts)
        {
            p.Outcomes.CopyTo(outcomes, at);
            p.Counts.CopyTo(counts, at);
            at += p.Support;
        }
        Array.Sort(outcomes, counts);
        int k = 0;
        for (int i = 0; i < length; i++)
        {
            if (k > 0 && outcomes[k - 1] == outcomes[i]) counts[k - 1] += counts[i];
            else
            {
                outcomes[k] = outcomes[i];
                counts[k++] = counts[i];
            }
        }
        return new CountVector(outcomes[..k], counts[..k], parts.Sum(p => p.Total));
    }
}
