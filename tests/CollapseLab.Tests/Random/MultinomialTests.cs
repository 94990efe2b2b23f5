using CollapseLab.Random;

namespace CollapseLab.Tests.Random;

public class MultinomialTests
{
    [Fact]
    public void Counts_sum_to_n_and_skip_zero_weights()
    {
        var rng = new Rng(3);
        long[] weights = [5, 0, 1, 0, 1000, 3];
        var counts = new int[weights.Length];
        for (int trial = 0; trial < 1000; trial++)
        {
            Multinomial.Sample(weights, 777, rng, counts);
            Assert.Equal(777, counts.Sum());
            Assert.Equal(0, counts[1]);
            Assert.Equal(0, counts[3]);
        }
    }

    [Fact]
    public void Marginal_means_are_n_times_the_probabilities()
    {
        var rng = new Rng(5);
        long[] weights = [1, 2, 3, 4, 90, 1_000_000_000_000];
        const int n = 1000, trials = 20_000;
        var counts = new int[weights.Length];
        var sums = new double[weights.Length];
        var sumsSq = new double[weights.Length];
        for (int trial = 0; trial < trials; trial++)
        {
            Multinomial.Sample(weights, n, rng, counts);
            for (int i = 0; i < counts.Length; i++)
            {
                sums[i] += counts[i];
                sumsSq[i] += (double)counts[i] * counts[i];
            }
        }
        double total = weights.Sum();
        for (int i = 0; i < weights.Length; i++)
        {
            double p = weights[i] / total, expected = n * p, se = Math.Sqrt(n * p * (1 - p) / trials);
            double mean = sums[i] / trials;
            Assert.True(Math.Abs(mean - expected) <= 4 * se + 1e-12, $"category {i}: mean {mean} vs {expected}");
        }
    }

    [Fact]
    public void Invalid_weights_are_rejected()
    {
        var rng = new Rng(1);
        Assert.Throws<ArgumentException>(() => Multinomial.Sample([0, 0], 3, rng, new int[2]));
        Assert.Throws<ArgumentException>(() => Multinomial.Sample([1, -1], 3, rng, new int[2]));
        Assert.Throws<ArgumentException>(() => Multinomial.Sample([1, 1], 3, rng, new int[3]));
    }
}
