using CollapseLab.Random;
using CollapseLab.Tasks.Discrete;

namespace CollapseLab.Tests.Tasks.Discrete;

public class OutcomeCountsTests
{
    /// <summary>The brute-force reference: the individual draws in outcome-sorted order.</summary>
    private static int[] Expand(OutcomeCounts counts)
    {
        var draws = new List<int>();
        for (int i = 0; i < counts.Outcomes.Length; i++) draws.AddRange(Enumerable.Repeat(counts.Outcomes[i], (int)counts.Counts[i]));
        return draws.ToArray();
    }

    [Fact]
    public void From_draws_counts_each_outcome()
    {
        var counts = OutcomeCounts.FromDraws([7, 2, 7, 0, 7, 2]);
        Assert.Equal([0, 2, 7], counts.Outcomes.ToArray());
        Assert.Equal([1L, 2, 3], counts.Counts.ToArray());
        Assert.Equal(6, counts.Count);
        Assert.Equal(3, counts.CountOf(7));
        Assert.Equal(0, counts.CountOf(5));
    }

    [Fact]
    public void Take_selects_samples_in_outcome_sorted_order()
    {
        var rng = new Rng(17);
        var draws = Enumerable.Range(0, 500).Select(_ => rng.NextInt(40)).ToArray();
        var counts = OutcomeCounts.FromDraws(draws);
        var sorted = Expand(counts);
        for (int trial = 0; trial < 50; trial++)
        {
            var indices = rng.SampleWithoutReplacement(500, 1 + rng.NextInt(500));
            var taken = counts.Take(indices);
            Assert.Equal(indices.Select(i => sorted[i]).Order().ToArray(), Expand(taken));
        }
        Assert.Equal(sorted, Expand(counts.Take(Enumerable.Range(0, 500).ToArray())));
        Assert.Empty(Expand(counts.Take([])));
        Assert.Throws<ArgumentOutOfRangeException>(() => counts.Take([500]));
        Assert.Throws<ArgumentOutOfRangeException>(() => counts.Take([-1]));
    }

    [Fact]
    public void Take_of_a_random_subset_is_hypergeometric()
    {
        // 3 of outcome 0 and 7 of outcome 1; 4 drawn without replacement: E[#0] = 4·3/10, Var = 4·0.3·0.7·6/9.
        var counts = OutcomeCounts.FromDraws([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
        var rng = new Rng(2);
        const int trials = 40_000;
        double sum = 0;
        for (int i = 0; i < trials; i++) sum += counts.Take(rng.SampleWithoutReplacement(10, 4)).CountOf(0);
        double se = Math.Sqrt(4 * 0.3 * 0.7 * 6 / 9.0 / trials);
        Assert.True(Math.Abs(sum / trials - 1.2) <= 4 * se, $"mean {sum / trials}");
    }

    [Fact]
    public void Concat_adds_the_counts()
    {
        var a = OutcomeCounts.FromDraws([1, 1, 5]);
        var b = OutcomeCounts.FromDraws([0, 5, 9, 9]);
        var c = OutcomeCounts.FromDraws([int.MaxValue, 1]);
        Assert.Equal([0, 1, 1, 5, 5, 9, 9], Expand(OutcomeCounts.Concat([a, b])));
        Assert.Equal([0, 1, 1, 1, 5, 5, 9, 9, int.MaxValue], Expand(OutcomeCounts.Concat([a, b, c])));
        Assert.Equal([1, 1, 1, 5, int.MaxValue], Expand(OutcomeCounts.Concat([c, a])));
        Assert.Same(a, OutcomeCounts.Concat([a]));
    }
}
