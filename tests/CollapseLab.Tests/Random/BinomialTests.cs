using CollapseLab.Random;

namespace CollapseLab.Tests.Random;

public class BinomialTests
{
    /// <summary>
    /// Chi-square goodness of fit against the exact probabilities (MathNet's, an independent implementation),
    /// covering inversion (small n·p), BTPE (with its squeeze and exact final test), and p &gt; 1/2 by symmetry.
    /// </summary>
    [Theory]
    [InlineData(10, 0.3)]        // inversion
    [InlineData(1000, 0.01)]     // inversion, mean 10
    [InlineData(200, 0.14)]      // inversion just below the limit (mean 28)
    [InlineData(100, 0.5)]       // BTPE, narrow
    [InlineData(1000, 0.05)]     // BTPE, mean 50
    [InlineData(100_000, 0.3)]   // BTPE, wide: most draws need the squeeze or the exact test
    [InlineData(2_000_000, 0.001)] // BTPE, large n and small p
    [InlineData(50, 0.9)]        // inversion through 1 − p
    [InlineData(20_000, 0.97)]   // BTPE through 1 − p
    public void Draws_follow_the_binomial_distribution(int n, double p)
    {
        const int draws = 200_000;
        var rng = new Rng(12345);
        var observed = new Dictionary<int, int>();
        for (int i = 0; i < draws; i++)
        {
            int x = Binomial.Sample(rng, n, p);
            Assert.InRange(x, 0, n);
            observed[x] = observed.GetValueOrDefault(x) + 1;
        }

        // Bins of single values with expected count ≥ 20; the two tails pooled.
        double mean = n * p, sd = Math.Sqrt(n * p * (1 - p));
        int lo = Math.Max(0, (int)(mean - 8 * sd) - 2), hi = Math.Min(n, (int)(mean + 8 * sd) + 2);
        double chi2 = 0, lowTailExpected = MathNet.Numerics.Distributions.Binomial.CDF(p, n, lo - 1) * draws;
        int bins = 0;
        double pendingExpected = lowTailExpected;
        long pendingObserved = observed.Where(kv => kv.Key < lo).Sum(kv => kv.Value);
        for (int x = lo; x <= hi; x++)
        {
            pendingExpected += MathNet.Numerics.Distributions.Binomial.PMF(p, n, x) * draws;
            pendingObserved += observed.GetValueOrDefault(x);
            if (pendingExpected >= 20)
            {
                chi2 += Square(pendingObserved - pendingExpected) / pendingExpected;
                bins++;
                pendingExpected = 0;
                pendingObserved = 0;
            }
        }
        pendingExpected += (1 - MathNet.Numerics.Distributions.Binomial.CDF(p, n, hi)) * draws;
        pendingObserved += observed.Where(kv => kv.Key > hi).Sum(kv => kv.Value);
        chi2 += Square(pendingObserved - pendingExpected) / Math.Max(pendingExpected, 1e-300);
        bins++;

        int df = bins - 1;
        Assert.True(df >= 4, $"too few bins ({bins}) for a meaningful test");
        double limit = df + 5 * Math.Sqrt(2.0 * df); // about 5 standard deviations of χ²(df)
        Assert.True(chi2 <= limit, $"Binomial({n}, {p}): χ² = {chi2:F1} with {df} degrees of freedom exceeds {limit:F1}");
    }

    [Theory]
    [InlineData(100_000, 0.5)]
    [InlineData(60, 0.5)]
    [InlineData(1_000_000, 0.2)]
    public void Mean_and_variance_match(int n, double p)
    {
        const int draws = 400_000;
        var rng = new Rng(7);
        double sum = 0, sumSq = 0;
        for (int i = 0; i < draws; i++)
        {
            double x = Binomial.Sample(rng, n, p);
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / draws, variance = sumSq / draws - mean * mean, npq = n * p * (1 - p);
        Assert.True(Math.Abs(mean - n * p) <= 4 * Math.Sqrt(npq / draws), $"mean {mean} vs {n * p}");
        // The variance estimate has SE ≈ npq·√(2/draws) for a near-normal law.
        Assert.True(Math.Abs(variance - npq) <= 4 * npq * Math.Sqrt(2.0 / draws), $"variance {variance} vs {npq}");
    }

    [Fact]
    public void Degenerate_parameters_give_exact_answers()
    {
        var rng = new Rng(1);
        Assert.Equal(0, Binomial.Sample(rng, 0, 0.5));
        Assert.Equal(0, Binomial.Sample(rng, 100, 0));
        Assert.Equal(100, Binomial.Sample(rng, 100, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Binomial.Sample(rng, -1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Binomial.Sample(rng, 10, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Binomial.Sample(rng, 10, double.NaN));
    }

    [Fact]
    public void Same_stream_gives_same_draws()
    {
        var a = new Rng(99);
        var b = new Rng(99);
        for (int i = 0; i < 1000; i++) Assert.Equal(Binomial.Sample(a, 5000, 0.37), Binomial.Sample(b, 5000, 0.37));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(100_000)]
    public void Log_factorial_is_accurate(int k)
    {
        double exact = 0;
        for (int i = 2; i <= k; i++) exact += Math.Log(i);
        Assert.Equal(exact, Binomial.LogFactorial(k), Math.Max(1e-12, 1e-13 * exact));
    }

    private static double Square(double x) => x * x;
}
