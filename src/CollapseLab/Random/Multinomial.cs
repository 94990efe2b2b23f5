namespace CollapseLab.Random;

/// <summary>Multinomial counts by conditional binomials: O(number of categories) binomial draws, independent of n.</summary>
public static class Multinomial
{
    /// <summary>
    /// The counts of <paramref name="n"/> independent draws from the categories with probabilities proportional to
    /// the integer weights <paramref name="weights"/>, written to <paramref name="counts"/>.
    /// </summary>
    /// <param name="weights">Non-negative integer weights (e.g. the counts of an empirical distribution), not all zero.</param>
    /// <param name="n">Number of draws.</param>
    /// <param name="rng">Random stream.</param>
    /// <param name="counts">Destination, as long as <paramref name="weights"/>; sums to <paramref name="n"/>.</param>
    /// <remarks>
    /// counts[i] ~ Binomial(n − Σ_{j&lt;i} counts[j], w_i / Σ_{j≥i} w_j), the exact conditional law; the ratio is
    /// formed from integer sums, so the last category with weight gets exactly the remainder. Stops drawing once
    /// all n draws are placed.
    /// </remarks>
    /// <exception cref="ArgumentException">Lengths differ, a weight is negative, or all weights are zero with n &gt; 0.</exception>
    public static void Sample(ReadOnlySpan<long> weights, int n, Rng rng, Span<int> counts)
    {
        if (counts.Length != weights.Length) throw new ArgumentException("counts and weights differ in length", nameof(counts));
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        long remaining = 0;
        foreach (long w in weights)
        {
            if (w < 0) throw new ArgumentException("weights must be non-negative", nameof(weights));
            remaining += w;
        }
        if (remaining == 0 && n > 0) throw new ArgumentException("all weights are zero", nameof(weights));
        counts.Clear();
        int left = n;
        for (int i = 0; i < weights.Length && left > 0; i++)
        {
            long w = weights[i];
            int drawn = w == remaining ? left : Binomial.Sample(rng, left, (double)w / remaining);
            counts[i] = drawn;
            left -= drawn;
            remaining -= w;
        }
    }
}
