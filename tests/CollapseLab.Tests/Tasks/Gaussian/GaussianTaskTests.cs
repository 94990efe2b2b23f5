using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Random;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Tasks.Gaussian;

/// <summary>Monte-Carlo checks of every closed form of docs/semantics.md §5 for the Gaussian setting.</summary>
public class GaussianTaskTests
{
    public static TheoryData<string> ReferenceWorkflows => new() { "replace", "accumulate", "accumulate-subsample" };

    [Theory]
    [MemberData(nameof(ReferenceWorkflows))]
    public void MeanErrorAndTraceRatioMatchTheory_d1_n10(string workflow)
    {
        var results = MonteCarlo.Run(new GaussianSetting(new() { Dim = 1 }), WorkflowCatalog.BuiltIn.Create(workflow), samples: 10, iterations: 10, seeds: 40_000);
        foreach (int t in new[] { 1, 2, 5, 10 })
        {
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.MeanSqError, t), GaussianTheory.MeanSqError(WorkflowCatalog.BuiltIn.Create(workflow), 1, 10, 1, t)!.Value, $"{workflow} mean_sq_error t={t}");
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.CovTraceRatio, t), GaussianTheory.TraceRatio(WorkflowCatalog.BuiltIn.Create(workflow), 10, t)!.Value, $"{workflow} cov_trace_ratio t={t}");
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceWorkflows))]
    public void MeanErrorScalesWithDimensionAndVariance(string workflow)
    {
        // d = 5, σ² = 2.5, n = 16: the formulas carry σ²d, and the trace ratio is dimension-free.
        var results = MonteCarlo.Run(new GaussianSetting(new() { Dim = 5, Sigma2 = 2.5 }), WorkflowCatalog.BuiltIn.Create(workflow), samples: 16, iterations: 8, seeds: 6_000);
        foreach (int t in new[] { 1, 4, 8 })
        {
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.MeanSqError, t), GaussianTheory.MeanSqError(WorkflowCatalog.BuiltIn.Create(workflow), 5, 16, 2.5, t)!.Value, $"{workflow} mean_sq_error t={t}");
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.CovTraceRatio, t), GaussianTheory.TraceRatio(WorkflowCatalog.BuiltIn.Create(workflow), 16, t)!.Value, $"{workflow} cov_trace_ratio t={t}", 0.05);
        }
    }

    [Fact]
    public void DetRatioUnderReplaceMatchesTheory()
    {
        var results = MonteCarlo.Run(new GaussianSetting(new() { Dim = 3 }), new Replace(), samples: 12, iterations: 5, seeds: 40_000);
        foreach (int t in new[] { 1, 3, 5 })
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.CovDetRatio, t), GaussianTheory.DetRatio(new Replace(), 3, 12, t)!.Value, $"cov_det_ratio t={t}", 0.1);
    }

    /// <summary>
    /// E[log det Σ̂_t] under Replace with the ML covariance: n Σ̂_t given Σ̂_{t−1} is Wishart(Σ̂_{t−1}, n − 1), so
    /// det Σ̂_t / det Σ̂_{t−1} is Π_{i=1..d} χ²_{n−i} / n, independent of Σ̂_{t−1}, and each iteration adds
    /// Σ_{i=1..d} (ψ((n − i)/2) + log(2/n)) in expectation (E log χ²_k = ψ(k/2) + log 2).
    /// </summary>
    private static double ExpectedLogDetRatioUnderReplace(int d, int n, int t) =>
        t * Enumerable.Range(1, d).Sum(i => Digamma((n - i) / 2.0) + Math.Log(2.0 / n));

    /// <summary>ψ at a positive integer or half-integer: ψ(k) = −γ + Σ_{j&lt;k} 1/j, ψ(k + ½) = −γ − 2 log 2 + Σ_{j≤k} 2/(2j − 1).</summary>
    private static double Digamma(double x)
    {
        const double eulerGamma = 0.57721566490153286;
        int k = (int)Math.Floor(x);
        if (x == k) return -eulerGamma + Enumerable.Range(1, k - 1).Sum(j => 1.0 / j);
        return -eulerGamma - 2 * Math.Log(2) + Enumerable.Range(1, k).Sum(j => 2.0 / (2 * j - 1));
    }

    /// <remarks>
    /// Under Replace the eigenvalues of Σ̂_t drift apart geometrically, so these runs reach condition numbers above
    /// 1e12 (a fixed pivot cut at 1e-12 of the largest diagonal declared 4, 26 and 15 of the 400 runs singular by the
    /// last iteration, for good: logdet −∞). Up to those iterations no run passes numpy's numerical-rank tolerance
    /// d·ε·max diag (cond ≈ 1/(d·ε) ≈ 1e15, where the smallest eigenvalue is rounding noise of the others; later
    /// iterations do, under numpy as here), so every logdet is finite and their mean follows the closed form.
    /// </remarks>
    [Theory]
    [InlineData(3, 10, 50)]
    [InlineData(10, 32, 60)]
    [InlineData(2, 10, 100)]
    public void LogDetRatioUnderLongReplaceFollowsTheClosedFormThroughConditionNumbersAbove1e12(int d, int n, int iterations)
    {
        var results = MonteCarlo.Run(new GaussianSetting(new() { Dim = d }), new Replace(), samples: n, iterations: iterations, seeds: 400);
        for (int t = 10; t <= iterations; t += 10)
        {
            var values = MonteCarlo.Values(results, MetricNames.CovLogdetRatio, t);
            Assert.True(values.All(double.IsFinite), $"t={t}: {values.Count(v => !double.IsFinite(v))} of {values.Length} runs have a non-finite cov_logdet_ratio");
            MonteCarlo.AssertMean(values, ExpectedLogDetRatioUnderReplace(d, n, t), $"cov_logdet_ratio t={t}", 0.1);
        }
        Assert.All(MonteCarlo.Values(results, MetricNames.TestNll, iterations), v => Assert.True(double.IsFinite(v), $"test_nll {v}"));
    }

    [Fact]
    public void UnbiasedEstimatorKeepsTheTraceUnderReplace()
    {
        var results = MonteCarlo.Run(new GaussianSetting(new() { Dim = 2, Estimator = CovarianceEstimator.Unbiased }), new Replace(), samples: 10, iterations: 10, seeds: 20_000);
        foreach (int t in new[] { 1, 5, 10 })
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.CovTraceRatio, t), 1.0, $"unbiased cov_trace_ratio t={t}");
    }

    [Theory]
    [MemberData(nameof(ReferenceWorkflows))]
    public void SingularCovarianceStaysFinite_d100_n10(string workflow)
    {
        var results = MonteCarlo.Run(new GaussianSetting(new() { Dim = 100 }), WorkflowCatalog.BuiltIn.Create(workflow), samples: 10, iterations: 100, seeds: 2);
        foreach (var row in results.SelectMany(r => r.Metrics))
        {
            Assert.False(double.IsNaN(row.Value), $"{row.Metric} at t={row.Iteration} is NaN");
            switch (row.Metric)
            {
                case MetricNames.CovLogdetRatio: Assert.Equal(double.NegativeInfinity, row.Value); break;
                case MetricNames.CovDetRatio: Assert.Equal(0.0, row.Value); break;
                case MetricNames.TestNll: Assert.Equal(double.PositiveInfinity, row.Value); break;
                default: Assert.True(double.IsFinite(row.Value), $"{row.Metric} at t={row.Iteration} is {row.Value}"); break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceWorkflows))]
    public void SingularFitsSampleFromTheFittedGaussian_d8_n4(string workflow)
    {
        // n ≤ d: every Replace and Accumulate-Subsample fit is singular (pivoted factor), so the closed forms
        // check that those samples have the fitted mean and covariance.
        var results = MonteCarlo.Run(new GaussianSetting(new() { Dim = 8 }), WorkflowCatalog.BuiltIn.Create(workflow), samples: 4, iterations: 6, seeds: 20_000);
        foreach (int t in new[] { 2, 4, 6 })
        {
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.MeanSqError, t), GaussianTheory.MeanSqError(WorkflowCatalog.BuiltIn.Create(workflow), 8, 4, 1, t)!.Value, $"{workflow} mean_sq_error t={t}");
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.CovTraceRatio, t), GaussianTheory.TraceRatio(WorkflowCatalog.BuiltIn.Create(workflow), 4, t)!.Value, $"{workflow} cov_trace_ratio t={t}");
        }
    }

    [Fact]
    public void TestNllIsTheMeanNegativeLogDensity()
    {
        var setting = new GaussianSetting(new() { Dim = 2 });
        var run = (GaussianRun)setting.Start(50, seed: 7);
        var pool = new Pool<Rows>();
        pool.Add(run.Real, Origin.Real, 0);
        var model = (GaussianModel)run.Fit(new TrainingSet<Rows>(pool, Selection.Whole([0])), new Rng(1));
        var sink = new MetricSink();
        model.Score(sink);

        // Brute force: invert the 2 × 2 covariance directly.
        double[] m = model.Mean, s = model.Covariance;
        double det = s[0] * s[3] - s[1] * s[2], nll = 0;
        for (int i = 0; i < run.Test.Count; i++)
        {
            double x = run.Test.Row(i)[0] - m[0], y = run.Test.Row(i)[1] - m[1];
            double quad = (s[3] * x * x - 2 * s[1] * x * y + s[0] * y * y) / det;
            nll += 0.5 * (2 * Math.Log(2 * Math.PI) + Math.Log(det) + quad);
        }
        Assert.Equal(nll / run.Test.Count, sink.Rows.Single(r => r.Metric == MetricNames.TestNll).Value, 10);
        Assert.Equal(Math.Log(det), sink.Rows.Single(r => r.Metric == MetricNames.CovLogdetRatio).Value, 10);
    }

    [Fact]
    public void IncrementalAccumulateStatisticsEqualARefitOnTheWholePool()
    {
        var rng = new Rng(3);
        var setting = new GaussianSetting(new() { Dim = 4 });
        var generations = Enumerable.Range(0, 6).Select(_ => setting.DrawTruth(37, rng)).ToArray();
        var merged = generations.Select(GaussianStatistics.Of).Aggregate(GaussianStatistics.Merge);
        var direct = GaussianStatistics.Of(Rows.Concat(generations));
        Assert.Equal(direct.Count, merged.Count);
        for (int j = 0; j < 4; j++) Assert.Equal(direct.Mean[j], merged.Mean[j], 12);
        for (int k = 0; k < 16; k++) Assert.Equal(direct.M2[k], merged.M2[k], 9);
    }

    [Fact]
    public void SamplesHaveTheFittedMeanAndCovariance()
    {
        var setting = new GaussianSetting(new() { Dim = 3 });
        var run = setting.Start(20, seed: 1);
        var pool = new Pool<Rows>();
        pool.Add(run.Real, Origin.Real, 0);
        var model = (GaussianModel)run.Fit(new TrainingSet<Rows>(pool, Selection.Whole([0])), new Rng(1));
        const int N = 400_000;
        var sample = GaussianStatistics.Of(model.Sample(N, new Rng(2)));
        var s = model.Covariance;
        for (int j = 0; j < 3; j++)
        {
            double se = Math.Sqrt(s[j * 3 + j] / N);
            Assert.InRange(sample.Mean[j] - model.Mean[j], -4 * se, 4 * se);
            for (int k = 0; k < 3; k++)
            {
                // Var of a sample covariance entry ≈ (Σ_jj Σ_kk + Σ_jk²) / N.
                double seCov = Math.Sqrt((s[j * 3 + j] * s[k * 3 + k] + s[j * 3 + k] * s[j * 3 + k]) / N);
                Assert.InRange(sample.M2[j * 3 + k] / N - s[j * 3 + k], -4 * seCov, 4 * seCov);
            }
        }
    }

    [Fact]
    public void IterationOneFitsTheSameRealDataUnderEveryWorkflow()
    {
        var setting = new GaussianSetting(new() { Dim = 3 });
        var first = ExampleWorkflows.All.Select(w =>
            setting.Run(RunSpec.Create(setting, w, 20, 3, 5))
                .Metrics.Where(m => m.Iteration == 1).ToArray()).ToArray();
        foreach (var other in first.Skip(1))
            for (int i = 0; i < first[0].Length; i++)
                Assert.Equal(first[0][i].Value, other[i].Value, 12);
    }

    [Fact]
    public void OneDimensionalRunsRecordTheSignedFittedMeanWhoseSquareIsTheMeanError()
    {
        var setting = new GaussianSetting(new() { Dim = 1 });
        var result = setting.Run(RunSpec.Create(setting, new Accumulate(), 10, 6, 3));
        var means = result.Metrics.Where(m => m.Metric == MetricNames.FittedMean).ToArray();
        var errors = result.Metrics.Where(m => m.Metric == MetricNames.MeanSqError).ToArray();
        Assert.Equal(Enumerable.Range(1, 6), means.Select(m => m.Iteration));
        Assert.Equal(errors.Select(m => m.Value), means.Select(m => m.Value * m.Value)); // bit for bit: mean_sq_error = 0 + μ̂·μ̂
        Assert.Contains(Enumerable.Range(0, 10), seed => // the sign mean_sq_error loses
            setting.Run(RunSpec.Create(setting, new Replace(), 10, 1, (ulong)seed)).Metrics.Single(m => m.Metric == MetricNames.FittedMean).Value < 0);
        Assert.Equal(MetricNames.FittedMean, result.Metrics.Where(m => m.Iteration == 1).Last().Metric); // after every other metric

        var wider = new GaussianSetting(new() { Dim = 2 });
        Assert.DoesNotContain(wider.Run(RunSpec.Create(wider, new Accumulate(), 10, 3, 3)).Metrics, m => m.Metric == MetricNames.FittedMean);
    }
}
