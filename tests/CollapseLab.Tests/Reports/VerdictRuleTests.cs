using CollapseLab.Tasks;
using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Running;
using CollapseLab.Tasks.Discrete;
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
        return VerdictRule.Evaluate(RunGroup.From(runs, TaskCatalog.BuiltIn).Single(), metric);
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
    public void A_loss_that_becomes_infinite_in_a_few_runs_is_diverging()
    {
        int seed = 0;
        var v = Judge(t => seed++ < 3 * T && t > 30 ? double.PositiveInfinity : 1 + 0.001 * t);
        Assert.Equal(Outcome.Diverging, v.Verdict);
        Assert.Contains("+∞ in 3 of 20", v.Reason);
    }

    /// <summary>Runs with several metrics each: <paramref name="rows"/>(seed, t) gives the metrics of iteration t.</summary>
    private static GroupVerdict JudgeMetrics(Func<int, int, IEnumerable<(string Metric, double Value)>> rows, string loss = MetricNames.TestNll)
    {
        var runs = Enumerable.Range(0, Seeds).Select(seed =>
        {
            var metrics = Enumerable.Range(1, T).SelectMany(t => rows(seed, t).Select(r => new MetricRow(t, r.Metric, r.Value))).ToArray();
            return new RunResult(RunSpec.Create(new GaussianSetting(), new Replace(), 10, T, (ulong)seed), metrics, null, TimeSpan.Zero);
        }).ToArray();
        return VerdictRule.Evaluate(RunGroup.From(runs, TaskCatalog.BuiltIn).Single(), loss);
    }

    [Fact]
    public void Entropy_reaching_zero_in_most_seeds_is_collapsed_at_the_median_iteration()
    {
        // seed s fixes at iteration 5 + s (never for the last 4 of 20): median of 5..20 and four ∞ is (14 + 15) / 2
        var v = JudgeMetrics((seed, t) => [(MetricNames.Entropy, seed < 16 && t >= 5 + seed ? 0 : 2.0 - 0.01 * t)], loss: MetricNames.Entropy);
        Assert.Equal(Outcome.Collapsed, v.Verdict);
        Assert.Equal(16, v.CollapsedSeeds);
        Assert.Equal(14.5, v.CollapseIteration.Median);
        Assert.Contains("entropy = 0 in 16", v.Reason);
        Assert.Contains("median iteration 14.5", v.Reason);
    }

    [Fact]
    public void Absorption_in_half_the_seeds_or_fewer_is_not_collapse()
    {
        var v = JudgeMetrics((seed, t) => [(MetricNames.Entropy, seed < Seeds / 2 && t >= 10 ? 0 : 2.0)], loss: MetricNames.Entropy);
        Assert.Equal(Seeds / 2, v.CollapsedSeeds);
        Assert.NotEqual(Outcome.Collapsed, v.Verdict);
    }

    [Fact]
    public void Any_metric_with_an_absorbing_state_signals_collapse_but_not_one_degenerate_from_the_start()
    {
        // the trace ratio reaches 0 (a fitted variance of 0) while the loss stays finite
        var traceZero = JudgeMetrics((seed, t) => [(MetricNames.TestNll, 1.4 + 0.01 * t), (MetricNames.CovTraceRatio, t > 20 ? 0 : 1.0 / t)]);
        Assert.Equal(Outcome.Collapsed, traceZero.Verdict);
        Assert.Contains("cov_trace_ratio = 0", traceZero.Reason);
        Assert.Equal(21, traceZero.CollapseIteration.Median);
        // a test NLL of +∞ in every seed is an absorbing state too
        Assert.Equal(Outcome.Collapsed, JudgeMetrics((seed, t) => [(MetricNames.TestNll, t > 30 ? double.PositiveInfinity : 1 + 0.01 * t)]).Verdict);
        // a determinant ratio that is 0 from the first iteration (n ≤ d) was never reached: the trend decides
        var singular = JudgeMetrics((seed, t) => [(MetricNames.TestNll, 1.4), (MetricNames.CovDetRatio, 0)]);
        Assert.Equal(Outcome.Stable, singular.Verdict);
        Assert.Equal(0, singular.CollapsedSeeds);
    }

    [Fact]
    public void Discrete_replace_fixing_on_one_outcome_in_every_seed_is_collapsed_not_plateauing()
    {
        // discrete K = 10, n = 10 under Replace fixes after ≈ 2n(K−1)ln(K/(K−1)) ≈ 19 iterations (DESIGN §5); T = 100
        var specs = Enumerable.Range(0, Seeds).Select(seed => RunSpec.Create(new DiscreteSetting(new() { Outcomes = 10 }), new Replace(), 10, 100, (ulong)seed)).ToArray();
        var group = RunGroup.From(Runner.Run(specs), TaskCatalog.BuiltIn).Single();
        Assert.All(group.Runs, r => Assert.Equal(0, group.Trajectory(r, MetricNames.Entropy)[100]));
        var v = VerdictRule.Evaluate(group, MetricNames.Entropy);
        Assert.Equal(Outcome.Collapsed, v.Verdict);
        Assert.Equal(Seeds, v.CollapsedSeeds);
        Assert.InRange(v.CollapseIteration.Median, 5, 60);
    }

    [Fact]
    public void A_loss_undefined_from_the_start_takes_the_verdict_of_the_next_defined_metric()
    {
        // test NLL +∞ from t = 1 (n ≤ d); the determinant ratio is 0 from the start too, so it is passed over; the error of the mean rises
        var v = JudgeMetrics((seed, t) => [(MetricNames.TestNll, double.PositiveInfinity), (MetricNames.CovDetRatio, 0),
            (MetricNames.MeanSqError, 1 + 0.05 * t + 0.01 * Math.Sin(seed + t)), (MetricNames.CovTraceRatio, 1.0)]);
        Assert.Equal(Outcome.Diverging, v.Verdict);
        Assert.Equal(MetricNames.TestNll, v.Loss);
        Assert.Equal(MetricNames.MeanSqError, v.Metric);
        Assert.True(v.OnStandIn);
        Assert.Contains("test_nll is not finite at t = 1 in 20 of 20 runs, so the verdict is taken on mean_sq_error", v.Reason);
        Assert.InRange(v.First, 1.0, 1.1);
        // with mean_sq_error NaN somewhere, the trace ratio stands in
        var trace = JudgeMetrics((seed, t) => [(MetricNames.TestNll, double.PositiveInfinity),
            (MetricNames.MeanSqError, t == 3 ? double.NaN : 1), (MetricNames.CovTraceRatio, 1 - 0.01 * t)]);
        Assert.Equal(MetricNames.CovTraceRatio, trace.Metric);
        Assert.Equal(Outcome.Diverging, trace.Verdict);
    }

    [Fact]
    public void A_gaussian_with_n_at_most_d_is_judged_on_its_mean_error()
    {
        var specs = Enumerable.Range(0, Seeds).Select(seed => RunSpec.Create(new GaussianSetting(new() { Dim = 10 }), new Replace(), 10, T, (ulong)seed)).ToArray();
        var v = VerdictRule.Evaluate(RunGroup.From(Runner.Run(specs), TaskCatalog.BuiltIn).Single(), MetricNames.TestNll);
        Assert.Equal(MetricNames.MeanSqError, v.Metric);
        Assert.NotEqual(Outcome.Undetermined, v.Verdict);
        Assert.Contains("mean_sq_error (for test_nll)", VerdictTable.Format([v]));
    }

    [Fact]
    public void Too_little_data_or_an_infinite_start_is_undetermined()
    {
        Assert.Equal(Outcome.Undetermined, Judge(t => 1 + t, seeds: MedianInterval.MinimumCount - 1).Verdict);
        Assert.Equal(Outcome.Undetermined, Judge(t => 1 + t, iterations: VerdictRule.MinimumIterations - 1).Verdict);
        // a loss undefined from the start, with no other metric to stand in
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
