using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Random;
using CollapseLab.Tests.Support;
using CollapseLab.Tasks.Kde;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Tasks.Kde;

public class KdeTaskTests
{
    public static TheoryData<string, string> WorkflowsAndBandwidths() => new()
    {
        { "replace", "0.3" }, { "accumulate", "0.3" }, { "accumulate-subsample", "0.3" },
        { "replace", "scott" }, { "accumulate", "silverman" }, { "accumulate-subsample", "scott" },
    };

    [Theory]
    [MemberData(nameof(WorkflowsAndBandwidths))]
    public void Test_log_densities_match_a_naive_sum_over_the_training_set(string workflow, string bandwidth)
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.SwissRoll, Bandwidth = KdeBandwidth.TryParse(bandwidth)!.Value, Noise = 0.5 });
        KdeReference.Drive(setting, WorkflowCatalog.BuiltIn.Create(workflow), 400, 4, 3, (t, model, train, run) =>
        {
            var rows = train.Materialize();
            double h = model.Bandwidth;
            Assert.Equal(setting.Bandwidth.For(rows.Count, 3), h);
            var floatRows = KdeReference.FloatView(rows, run.Origin, h);
            var floatTest = KdeReference.FloatView(run.Test, run.Origin, h);
            for (int k = 0; k < run.Test.Count; k += 7)
            {
                KdeReference.AssertClose(KdeReference.LogDensity(floatTest.Row(k), floatRows, h), model.TestLogDensities[k], $"t={t} test point {k}");
                // Against the double data: the coordinates' rounding to float (after centring) moves log p by less than 1e−4.
                KdeReference.AssertClose(KdeReference.LogDensity(run.Test.Row(k), rows, h), model.TestLogDensities[k], $"t={t} test point {k}", 1e-4);
            }
            Assert.Equal(-model.TestLogDensities.Average(), model.TestNll, 12);
        });
    }

    /// <summary>
    /// log p(x) in double precision written so that no intermediate over- or underflows for any h &gt; 0:
    /// exponents −‖(x − y)/h‖²/2, −∞ only where the exact exponent is (about) below −double.MaxValue.
    /// </summary>
    private static double LogDensityAnyBandwidth(ReadOnlySpan<double> x, Rows train, double h)
    {
        int n = train.Count, d = train.Dim;
        var exponents = new double[n];
        for (int i = 0; i < n; i++)
        {
            var y = train.Row(i);
            double squares = 0; // ‖x − y‖² / h²
            for (int j = 0; j < d; j++) squares += (x[j] - y[j]) / h * ((x[j] - y[j]) / h);
            exponents[i] = -0.5 * squares;
        }
        double max = exponents.Max();
        if (max == double.NegativeInfinity) return max;
        double sum = exponents.Sum(e => Math.Exp(e - max));
        return max + Math.Log(sum) - Math.Log(n) - d * Math.Log(h) - 0.5 * d * Math.Log(2 * Math.PI);
    }

    /// <summary>Across every bandwidth the parameter accepts: from the smallest double (subnormal) to the largest, 1e300.</summary>
    public static TheoryData<double> EveryBandwidth() => new()
    {
        double.Epsilon, 1e-300, 1e-200, 1e-100, 1e-45, 1e-40, 1e-38, 1e-30, 1e-20, 1e-19, 1e-15, 1e-10, 1e-4, 1e-3, 0.01, 0.5, 1e3, 1e30, 1e300,
    };

    [Theory]
    [MemberData(nameof(EveryBandwidth))]
    public void Log_densities_match_a_double_log_sum_exp_at_every_accepted_bandwidth(double h)
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Moons, Bandwidth = KdeBandwidth.Fixed(h), Noise = 0.1 });
        foreach (var workflow in new IWorkflow[] { new Replace(), new Accumulate() })
            KdeReference.Drive(setting, workflow, 60, 3, 5, (t, model, train, run) =>
            {
                var rows = train.Materialize();
                for (int k = 0; k < run.Test.Count; k += 5)
                {
                    double expected = LogDensityAnyBandwidth(run.Test.Row(k), rows, h), actual = model.TestLogDensities[k];
                    if (double.IsInfinity(expected)) Assert.Equal(expected, actual);
                    else KdeReference.AssertClose(expected, actual, $"{workflow.Name} h={h:R} t={t} test point {k}", 1e-4);
                }
                Assert.False(double.IsNaN(model.TestNll), $"h={h:R}: test_nll is NaN");

                // Training points scored under their own KDE: each has a kernel at distance 0, so log p is finite at any h.
                var own = run.LogDensities(train, h, rows);
                for (int k = 0; k < rows.Count; k += 3)
                {
                    Assert.True(double.IsFinite(own[k]), $"h={h:R}: training point {k} has log p = {own[k]}");
                    KdeReference.AssertClose(LogDensityAnyBandwidth(rows.Row(k), rows, h), own[k], $"h={h:R} t={t} training point {k}", 1e-4);
                }
            });
    }

    [Theory]
    [InlineData(1e-30)]
    [InlineData(1e-19)]
    public void Incremental_accumulate_scores_equal_full_rescoring_at_bandwidths_beyond_single_precision(double h)
    {
        var incremental = new KdeSetting(new() { Dataset = KdeDataset.Moons, Bandwidth = KdeBandwidth.Fixed(h) });
        var rescoring = new KdeSetting(new() { Dataset = KdeDataset.Moons, Bandwidth = KdeBandwidth.Fixed(h) }) { IncrementalScoring = false };
        var spec = (KdeSetting s) => RunSpec.Create(s, new Accumulate(), 40, 6, 9);
        var a = incremental.Run(spec(incremental));
        var b = rescoring.Run(spec(rescoring));
        Assert.True(a.Succeeded && b.Succeeded, a.Error ?? b.Error);
        Assert.Equal(b.Metrics, a.Metrics);
        Assert.All(a.Metrics, m => Assert.False(double.IsNaN(m.Value), $"{m.Metric} at t={m.Iteration} is NaN"));
    }

    [Theory]
    [InlineData(KdeDataset.Moons, 37)]
    [InlineData(KdeDataset.Blobs, 1100)]
    public void Incremental_accumulate_scores_equal_full_rescoring(KdeDataset dataset, int samples)
    {
        var incremental = new KdeSetting(new() { Dataset = dataset, Bandwidth = KdeBandwidth.Fixed(0.2) });
        var rescoring = new KdeSetting(new() { Dataset = dataset, Bandwidth = KdeBandwidth.Fixed(0.2) }) { IncrementalScoring = false };
        var spec = (KdeSetting s) => RunSpec.Create(s, new Accumulate(), samples, 6, 9);
        var a = incremental.Run(spec(incremental));
        var b = rescoring.Run(spec(rescoring));
        Assert.True(a.Succeeded && b.Succeeded, a.Error ?? b.Error);
        Assert.Equal(12, a.Metrics.Count);
        Assert.Equal(b.Metrics, a.Metrics);
    }

    [Fact]
    public void Results_are_bit_identical_for_every_thread_count()
    {
        // n = 1500 makes each fit large enough to be scored in parallel chunks.
        foreach (var workflow in new IWorkflow[] { new Accumulate(), new Replace(), new AccumulateSubsample() })
        {
            var results = new[] { 1, 2, 5 }.Select(threads =>
            {
                var setting = new KdeSetting(new() { Dataset = KdeDataset.Circles, Bandwidth = KdeBandwidth.Fixed(0.1) }) { MaxDegreeOfParallelism = threads };
                return setting.Run(RunSpec.Create(setting, workflow, 1500, 3, 4)).Metrics;
            }).ToList();
            Assert.Equal(results[0], results[1]);
            Assert.Equal(results[0], results[2]);
        }
    }

    [Fact]
    public void Same_seed_same_bits_other_seed_other_bits()
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Moons, Bandwidth = KdeBandwidth.Scott });
        var a = KdeReference.Metric(setting, new AccumulateSubsample(), 50, 5, 1, MetricNames.TestNll);
        Assert.Equal(a, KdeReference.Metric(setting, new AccumulateSubsample(), 50, 5, 1, MetricNames.TestNll));
        Assert.NotEqual(a, KdeReference.Metric(setting, new AccumulateSubsample(), 50, 5, 2, MetricNames.TestNll));
    }

    [Fact]
    public void Fitting_twice_equals_fitting_once()
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Moons, Bandwidth = KdeBandwidth.Fixed(0.5) });
        KdeReference.Drive(setting, new Accumulate(), 30, 3, 2, (t, model, train, run) =>
        {
            var again = (KdeModel)run.Fit(train, new Rng(0));
            Assert.Equal(model.TestLogDensities, again.TestLogDensities);
            Assert.Equal(model.TrainSpread, again.TrainSpread);
        });
    }

    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(true, 1.0)]
    [InlineData(true, 0.5)]
    public void Samples_have_the_training_mean_and_covariance_plus_h_squared(bool subsetOfSeveralEntries, double temperature)
    {
        // The KDE is the mixture (1/N) Σ N(x_i, h²I): mean = training mean, covariance = S + h²I (S biased);
        // sampling at temperature τ draws from (1/N) Σ N(x_i, (τh)²I).
        const double h = 0.4;
        const int draws = 200_000;
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Moons, Bandwidth = KdeBandwidth.Fixed(h), Noise = 0.2, Temperature = temperature });
        var run = (KdeRun)setting.Start(60, 1);
        var pool = new Pool<Rows>();
        pool.Add(run.Real, Origin.Real, 0);
        pool.Add(KdeGenerators.Circles(40, 0.5, 0.1, new Rng(2)), Origin.Synthetic, 1);
        var selection = subsetOfSeveralEntries
            ? new Selection([new SelectionPart(0, [5, 1, 59, 3]), new SelectionPart(1, null), new SelectionPart(0, [7])])
            : Selection.Whole([0]);
        var train = new TrainingSet<Rows>(pool, selection);
        var model = (KdeModel)run.Fit(train, new Rng(3));
        var rows = train.Materialize();

        double[] mean = new double[2], cov = new double[4];
        for (int i = 0; i < rows.Count; i++)
            for (int a = 0; a < 2; a++) mean[a] += rows.Row(i)[a] / rows.Count;
        for (int i = 0; i < rows.Count; i++)
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++) cov[2 * a + b] += (rows.Row(i)[a] - mean[a]) * (rows.Row(i)[b] - mean[b]) / rows.Count;

        var samples = model.Sample(draws, new Rng(4));
        Assert.Equal(draws, samples.Count);
        for (int a = 0; a < 2; a++)
        {
            KdeReference.AssertWithinFourErrors(mean[a], Enumerable.Range(0, draws).Select(i => samples.Row(i)[a]).ToArray(), $"mean[{a}]");
            for (int b = a; b < 2; b++)
            {
                // Products about the known mean estimate the covariance without bias.
                var products = Enumerable.Range(0, draws).Select(i => (samples.Row(i)[a] - mean[a]) * (samples.Row(i)[b] - mean[b])).ToArray();
                KdeReference.AssertWithinFourErrors(cov[2 * a + b] + (a == b ? temperature * temperature * h * h : 0), products, $"cov[{a},{b}]");
            }
        }
        Assert.Equal((cov[0] + cov[3]) / 2, model.TrainSpread, 12);
    }

    [Fact]
    public void Samples_are_training_points_chosen_uniformly_plus_noise()
    {
        // With a negligible bandwidth every sample is (numerically) a training point, each chosen with probability 1/N.
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Moons, Bandwidth = KdeBandwidth.Fixed(1e-12), Noise = 0.3 });
        var run = (KdeRun)setting.Start(8, 1);
        var pool = new Pool<Rows>();
        pool.Add(run.Real, Origin.Real, 0);
        var model = (KdeModel)run.Fit(new TrainingSet<Rows>(pool, Selection.Whole([0])), new Rng(1));
        var samples = model.Sample(80_000, new Rng(2));
        var counts = new int[8];
        for (int i = 0; i < samples.Count; i++)
        {
            int nearest = Enumerable.Range(0, 8).MinBy(j => Math.Abs(run.Real.Row(j)[0] - samples.Row(i)[0]) + Math.Abs(run.Real.Row(j)[1] - samples.Row(i)[1]));
            Assert.True(Math.Abs(run.Real.Row(nearest)[0] - samples.Row(i)[0]) < 1e-9);
            counts[nearest]++;
        }
        // Each count ~ Binomial(80000, 1/8): sd ≈ 94.
        Assert.All(counts, c => Assert.InRange(c, 10_000 - 400, 10_000 + 400));
    }

    /// <summary>
    /// DESIGN §5 for a 1-D truth N(0, 1): one blob in one dimension with unit std is N(c, 1), and a KDE fitted to
    /// shifted data is the shifted KDE, so the spread recursions hold exactly whatever the centre c.
    /// </summary>
    private static KdeSetting OneDimensionalNormal(double h) =>
        new(new() { Dataset = KdeDataset.Blobs, Bandwidth = KdeBandwidth.Fixed(h), Features = 1, Centers = 1, ClusterStd = 1 });

    [Fact]
    public void Train_spread_follows_the_replace_recursion()
    {
        const int n = 10, iterations = 10, seeds = 4000;
        const double h = 0.5;
        var results = MonteCarlo.Run(OneDimensionalNormal(h), new Replace(), n, iterations, seeds);
        double expected = (n - 1.0) / n; // E S_1
        for (int t = 1; t <= iterations; t++)
        {
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.TrainSpread, t), expected, $"replace E S_{t}");
            expected = (n - 1.0) / n * (expected + h * h);
        }
    }

    [Fact]
    public void Train_spread_follows_the_accumulate_recursion()
    {
        const int n = 10, iterations = 10, seeds = 4000;
        const double h = 0.5;
        var results = MonteCarlo.Run(OneDimensionalNormal(h), new Accumulate(), n, iterations, seeds);
        double expected = (n - 1.0) / n;
        for (int t = 1; t <= iterations; t++)
        {
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.TrainSpread, t), expected, $"accumulate E S_{t}");
            expected = expected * (1 - 1.0 / (n * (t + 1.0) * (t + 1))) + h * h / (t + 1) * (1 - 1.0 / (n * (t + 1.0)));
        }
    }

    [Fact]
    public void Model_log_likelihood_of_any_samples_matches_a_naive_sum()
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Blobs, Bandwidth = KdeBandwidth.Fixed(0.7), Features = 3 });
        KdeReference.Drive(setting, new AccumulateSubsample(), 200, 3, 5, (t, model, train, run) =>
        {
            var values = new double[50 * 3];
            new Rng((ulong)t).FillGaussian(values);
            var points = new Rows(values.Select(v => 6 * v).ToArray(), 3); // anywhere around the blobs
            var rows = train.Materialize();
            var floatRows = KdeReference.FloatView(rows, run.Origin, 0.7);
            var floatPoints = KdeReference.FloatView(points, run.Origin, 0.7);
            var actual = model.LogLikelihood(points);
            for (int k = 0; k < points.Count; k++)
                KdeReference.AssertClose(KdeReference.LogDensity(floatPoints.Row(k), floatRows, 0.7), actual[k], $"t={t} point {k}");
        });
    }

    [Fact]
    public void Fresh_real_data_come_from_the_runs_generator_and_blob_centres()
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Blobs, Features = 2, Centers = 2, ClusterStd = 0 });
        var run = (KdeRun)setting.Start(10, 3);
        var fresh = run.DrawReal(30, new Rng(1));
        var centres = Enumerable.Range(0, run.Real.Count).Select(i => (run.Real.Row(i)[0], run.Real.Row(i)[1])).ToHashSet();
        Assert.Equal(2, centres.Count);
        Assert.All(Enumerable.Range(0, 30), i => Assert.Contains((fresh.Row(i)[0], fresh.Row(i)[1]), centres));
        Assert.True(setting.Abilities.HasFlag(TaskAbilities.FreshRealData) && setting.Abilities.HasFlag(TaskAbilities.ModelLikelihood));
    }

    [Theory]
    [InlineData("fresh", "fresh-real", "20")]
    [InlineData("accumulate", "curate", "model-top:0.5")]
    [InlineData("window", "window", "3")]
    [InlineData("accumulate", "growth", "linear:10")]
    public void Runs_under_every_kind_of_workflow(string workflow, string parameter, string value)
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Circles, Bandwidth = KdeBandwidth.Fixed(0.3) });
        var spec = RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create(workflow, new Dictionary<string, string> { [parameter] = value }), 40, 4, 1);
        var result = setting.Run(spec);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(4, result.Metrics.Count(m => m.Metric == MetricNames.TestNll));
        Assert.All(result.Metrics, m => Assert.True(double.IsFinite(m.Value)));
    }

    [Fact]
    public void Blob_truth_likelihood_is_the_mixture_density_up_to_a_constant()
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Blobs, Features = 2, Centers = 3, ClusterStd = 1.5 });
        Assert.True(setting.Abilities.HasFlag(TaskAbilities.TruthLikelihood));
        Assert.False(new KdeSetting(new() { Dataset = KdeDataset.Moons }).Abilities.HasFlag(TaskAbilities.TruthLikelihood));
        var run = (KdeRun)setting.Start(30, 2);
        var points = run.DrawReal(40, new Rng(3));
        var scores = run.TruthLogLikelihood(points);
        // Reference: the mixture's log-density from normal pdfs; differences remove the shared constant.
        var centres = KdeGenerators.BlobCenters(3, 2, Rng.For(2, RngStream.Setup));
        double LogDensity(double[] x) => Math.Log(Enumerable.Range(0, 3).Sum(c =>
            Math.Exp(-(Math.Pow(x[0] - centres.Row(c)[0], 2) + Math.Pow(x[1] - centres.Row(c)[1], 2)) / (2 * 1.5 * 1.5)) / (3 * 2 * Math.PI * 1.5 * 1.5)));
        for (int i = 1; i < points.Count; i++)
            Assert.Equal(LogDensity(points.Row(i).ToArray()) - LogDensity(points.Row(0).ToArray()), scores[i] - scores[0], 9);
    }

    [Fact]
    public void Curation_by_the_truth_runs_on_blobs_and_is_refused_elsewhere()
    {
        var curate = WorkflowCatalog.BuiltIn.Create("accumulate", new Dictionary<string, string> { ["curate"] = "truth-top:0.5" });
        var blobs = new KdeSetting(new() { Dataset = KdeDataset.Blobs, Bandwidth = KdeBandwidth.Fixed(0.5) });
        var result = blobs.Run(RunSpec.Create(blobs, curate, 50, 3, 1));
        Assert.True(result.Succeeded, result.Error);
        var error = Assert.Throws<CollapseLab.Parameters.InvalidParameterException>(() => RunSpec.Create(new KdeSetting(new() { Dataset = KdeDataset.Moons }), curate, 50, 3, 1));
        Assert.Equal("curate", error.Parameter);
    }

    [Fact]
    public void A_single_sample_is_enough()
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Moons, Bandwidth = KdeBandwidth.Scott });
        Assert.Equal(1, ((ITaskSetting)setting).MinimumSamples);
        var spread = KdeReference.Metric(setting, new Replace(), 1, 3, 1, MetricNames.TrainSpread);
        Assert.Equal(0, spread[0]);
    }
}
