using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;
using Outcome = CollapseLab.Reports.Verdict;

namespace CollapseLab.Tests.Reports;

/// <summary>The collapse verdict on synthetic loss trajectories: loss_seed(t) = shape(t) + noise, fixed seeds.</summary>
public sealed class VerdictRuleTests
{
    private const int T = 40, Seeds = 20;

    private static GroupVerdict Judge(Func<int, double> shape, double noise = 0.02, string metric = MetricNames.TestNll, int seeds = Seeds, int iterations = T)
    {
        var random = new System.Random(1234);
        var task = new GaussianSetting();
        var runs = Enumerable.Range(0, seeds).Select(seed =>
        {
            var rows = Enumerable.Range(1, iterations).Select(t => new MetricRow(t, metric, shape(t) + noise * Gaussian(random))).ToArray();
            return new RunResult(RunSpec.Create(task, new Replace(), 10, iterations, (ulong)seed), rows, null, TimeSpan.Zero);
        }).ToArray();
        return VerdictRule.Evaluate(RunGroup.From(runs).Single(), metric);
    }

    private static double Gaussian(System.Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void Linear_rise_is_diverging()
    {
        var v = Judge(t => 1 + 0.05 * t);
        Assert.Equal(Outcome.Diverging, v.Verdict);
        Assert.InRange(v.Slope.Median, 0.045, 0.055);
        Assert.True(v.Slope.Low > 0 && v.Slope.High > v.Slope.Median);
        Assert.Equal(T / 2 + 1, v.SlopeFrom);
        Assert.InRange(v.Ratio, 2.8, 3.2);
    }

    [Fact]
    public void Saturating_rise_is_plateauing()
    {
        var v = Judge(t => 1 + 2 * (1 - Math.Exp(-t / 4.0)));
        Assert.Equal(Outcome.Plateauing, v.Verdict);
        Assert.True(v.Change.Low > 0);
    }

    [Fact]
    public void Flat_is_stable()
    {
        Assert.Equal(Outcome.Stable, Judge(_ => 1.4).Verdict);
        // a significant but immaterial drift (0.5% over the run) is stable too
        Assert.Equal(Outcome.Stable, Judge(t => 1.4 + 0.007 * t / T, noise: 0.001).Verdict);
    }

    [Fact]
    public void Falling_loss_is_improving()
    {
        Assert.Equal(Outcome.Improving, Judge(t => 2 - 0.02 * t).Verdict);
    }

    [Fact]
    public void A_few_exploding_seeds_do_not_hide_a_typical_rise()
    {
        // most seeds rise linearly; every fifth explodes then falls back, which swamps a mean and a t interval
        int seed = 0;
        var v = Judge(t => 1 + 0.05 * t + (seed++ % (5 * T) < T ? 1e6 * Math.Sin(t) : 0));
        Assert.Equal(Outcome.Diverging, v.Verdict);
    }

    [Fact]
    public void For_entropy_lower_is_worse()
    {
        Assert.Equal(Outcome.Diverging, Judge(t => 2 - 0.04 * t, metric: MetricNames.Entropy).Verdict);
        Assert.Equal(Outcome.Improving, Judge(t => 1 + 0.04 * t, metric: MetricNames.Entropy).Verdict);
    }

    [Fact]
    public void A_loss_that_becomes_infinite_is_diverging()
    {
        var v = Judge(t => t > 30 ? double.PositiveInfinity : 1 + 0.01 * t);
        Assert.Equal(Outcome.Diverging, v.Verdict);
        Assert.Contains("+∞", v.Reason);
    }

    [Fact]
    public void Too_little_data_or_an_infinite_start_is_undetermined()
    {
        Assert.Equal(Outcome.Undetermined, Judge(t => 1 + t, seeds: MedianInterval.MinimumCount - 1).Verdict);
        Assert.Equal(Outcome.Undetermined, Judge(t => 1 + t, iterations: VerdictRule.MinimumIterations - 1).Verdict);
        Assert.Equal(Outcome.Undetermined, Judge(_ => double.PositiveInfinity).Verdict);
        Assert.Equal(Outcome.Undetermined, Judge(t => t == 7 ? double.NaN : 1).Verdict);
    }

    [Theory]
    [InlineData(6, 1)]   // [min, max]: coverage 1 − 2/64
    [InlineData(30, 10)] // P(Bin(30, ½) ≤ 9) = 0.021
    [InlineData(100, 40)]
    public void Median_interval_uses_the_sign_test_order_statistics(int count, int k)
    {
        var values = Enumerable.Range(1, count).Select(i => (double)i).Reverse().ToArray();
        var interval = MedianInterval.Of(values);
        Assert.Equal((k, count - k + 1), ((int)interval.Low, (int)interval.High));
        Assert.Equal((count + 1) / 2.0, interval.Median);
    }

    [Fact]
    public void Least_squares_slope_over_a_window()
    {
        var trajectory = new SortedDictionary<int, double> { [1] = 100, [2] = 1, [3] = 3, [4] = 5 };
        Assert.Equal(2, VerdictRule.Slope(trajectory, 2, 4), 12);
        Assert.True(double.IsNaN(VerdictRule.Slope(trajectory, 4, 4)));
    }
}
