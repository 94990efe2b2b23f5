using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Tasks;
using CollapseLab.Tasks.LinReg;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;
using MathNet.Numerics.LinearAlgebra;

namespace CollapseLab.Tests.Tasks.LinReg;

public class LinRegTaskTests
{
    private const int D = 5, N = 20;
    private const double Sigma2 = 1.0;

    /// <summary>σ²·d/(n − d − 1): E test_mse of one least-squares fit to noisy labels of a Gaussian design.</summary>
    private static readonly double OneFit = Sigma2 * D / (N - D - 1);

    [Fact]
    public void Replace_test_mse_matches_the_exact_expectation()
    {
        var results = MonteCarlo.Run(new LinRegSetting(new() { Dim = D, Sigma2 = Sigma2 }), new Replace(), N, 5, 2000);
        foreach (int t in new[] { 1, 2, 5 })
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.TestMse, t), t * OneFit, $"test_mse at t={t}");
    }

    [Fact]
    public void Accumulate_test_mse_matches_the_exact_expectation()
    {
        var results = MonteCarlo.Run(new LinRegSetting(new() { Dim = D, Sigma2 = Sigma2 }), new Accumulate(), N, 5, 2000);
        foreach (int t in new[] { 1, 2, 5 })
        {
            double expected = OneFit * Enumerable.Range(1, t).Sum(i => 1.0 / (i * i));
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.TestMse, t), expected, $"test_mse at t={t}");
        }
    }

    /// <summary>The brute-force reference: pinv of the materialised training design times the labels.</summary>
    private static double[] BruteForce(LinRegRun run, TrainingSet<Labels> train)
    {
        var labels = train.Materialize();
        int d = run.Design.Dim;
        var x = Matrix<double>.Build.Dense(labels.Count, d, (i, k) => run.Design.Row(labels.DesignRows[i])[k]);
        return (x.PseudoInverse() * Vector<double>.Build.DenseOfArray(labels.Values)).ToArray();
    }

    [Theory]
    [InlineData(30, 4)]  // n > d
    [InlineData(6, 10)]  // n < d: minimum-norm interpolation
    [InlineData(8, 8)]   // square
    public void Every_fit_path_equals_the_pseudo_inverse_of_the_materialised_rows(int n, int d)
    {
        var setting = new LinRegSetting(new() { Dim = d, Sigma2 = 0.5 });
        var run = (LinRegRun)setting.Start(n, 9);
        var pool = new Pool<Labels>();
        pool.Add(run.Real, Origin.Real, 0);
        var rng = new Rng(4);
        var workflows = ExampleWorkflows.All.ToArray();
        for (int t = 1; t <= 6; t++)
        {
            foreach (var workflow in workflows)
            {
                var train = new TrainingSet<Labels>(pool, workflow.Select(pool.Entries, t, n, rng));
                var fitted = ((LinRegModel)run.Fit(train, rng)).Weights;
                var expected = BruteForce(run, train);
                for (int k = 0; k < d; k++) Assert.Equal(expected[k], fitted[k], 1e-9 * (1 + Math.Abs(expected[k])));
            }
            var model = (LinRegModel)run.Fit(new TrainingSet<Labels>(pool, Selection.Whole([pool.Entries.Count - 1])), rng);
            pool.Add(model.Sample(n, rng), Origin.Synthetic, t);
        }
        // A shorter prefix after longer ones (the running sums are rebuilt) and a selection with repeated entries.
        foreach (var selection in new[] { Selection.Whole([0, 1]), Selection.Whole([0, 0, 3]), Selection.Whole(Enumerable.Range(0, 7)) })
        {
            var train = new TrainingSet<Labels>(pool, selection);
            var fitted = ((LinRegModel)run.Fit(train, rng)).Weights;
            var expected = BruteForce(run, train);
            for (int k = 0; k < d; k++) Assert.Equal(expected[k], fitted[k], 1e-9 * (1 + Math.Abs(expected[k])));
        }
    }

    [Fact]
    public void With_fewer_samples_than_dimensions_the_first_fit_interpolates_the_real_data()
    {
        var run = (LinRegRun)new LinRegSetting(new() { Dim = 50, Sigma2 = 1 }).Start(10, 2);
        var pool = new Pool<Labels>();
        pool.Add(run.Real, Origin.Real, 0);
        var w = ((LinRegModel)run.Fit(new TrainingSet<Labels>(pool, Selection.Whole([0])), new Rng(1))).Weights;
        for (int i = 0; i < 10; i++)
        {
            double fitted = run.Design.Row(i).ToArray().Zip(w).Sum(p => p.First * p.Second);
            Assert.Equal(run.Real.Values[i], fitted, 1e-9);
        }
        foreach (var workflow in ExampleWorkflows.All)
        {
            var result = new LinRegSetting(new() { Dim = 50, Sigma2 = 1 }).Run(RunSpec.Create(new LinRegSetting(new() { Dim = 50, Sigma2 = 1 }), workflow, 10, 20, 3));
            Assert.True(result.Succeeded, result.Error);
            Assert.All(result.Metrics, m => Assert.True(double.IsFinite(m.Value) && m.Value > 0));
        }
    }

    [Fact]
    public void Without_noise_and_with_enough_samples_every_generation_recovers_the_truth()
    {
        var setting = new LinRegSetting(new() { Dim = 6, Sigma2 = 0 });
        var result = setting.Run(RunSpec.Create(setting, new Replace(), 12, 10, 5));
        Assert.True(result.Succeeded, result.Error);
        Assert.All(result.Metrics, m => Assert.True(m.Value < 1e-20, $"test_mse {m.Value} at t={m.Iteration}"));
    }

    [Fact]
    public void Test_mse_is_the_mean_squared_prediction_error_on_the_test_points()
    {
        var run = (LinRegRun)new LinRegSetting(new() { Dim = 3, Sigma2 = 1 }).Start(10, 1);
        var model = new LinRegModel(run, [1.0, -2.0, 0.5]);
        double expected = 0;
        for (int i = 0; i < run.Test.Count; i++)
        {
            var x = run.Test.Row(i);
            double predicted = x[0] * 1.0 - 2.0 * x[1] + 0.5 * x[2];
            double truth = x[0] * run.TrueWeights[0] + x[1] * run.TrueWeights[1] + x[2] * run.TrueWeights[2];
            expected += (predicted - truth) * (predicted - truth);
        }
        Assert.Equal(LinRegSetting.TestSize, run.Test.Count);
        Assert.Equal(expected / run.Test.Count, model.TestMse(), 1e-12);
    }

    [Fact]
    public void A_generation_relabels_the_design_rows_in_turn()
    {
        var run = (LinRegRun)new LinRegSetting(new() { Dim = 2, Sigma2 = 0 }).Start(4, 1);
        var labels = new LinRegModel(run, [1.0, 1.0]).Sample(10, new Rng(3));
        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3, 0, 1], labels.DesignRows);
        for (int i = 0; i < 10; i++) Assert.Equal(run.Design.Row(i % 4)[0] + run.Design.Row(i % 4)[1], labels.Values[i], 1e-12);
        Assert.Equal(Enumerable.Range(0, 4), run.Real.DesignRows);
        Assert.Equal([0, 1, 2], run.DrawReal(3, new Rng(1)).DesignRows);
        Assert.Equal([3, 0, 1], run.DrawReal(3, new Rng(2)).DesignRows);
    }

    [Fact]
    public void Likelihoods_score_labels_by_their_residuals()
    {
        var run = (LinRegRun)new LinRegSetting(new() { Dim = 3, Sigma2 = 0.5 }).Start(6, 1);
        var truth = run.TruthLogLikelihood(run.Real);
        for (int i = 0; i < 6; i++)
        {
            double fitted = run.Design.Row(i).ToArray().Zip(run.TrueWeights).Sum(p => p.First * p.Second);
            double residual = run.Real.Values[i] - fitted;
            Assert.Equal(-residual * residual / (2 * 0.5), truth[i], 1e-12);
        }
        var model = new LinRegModel(run, [0.0, 0.0, 0.0]);
        Assert.Equal(run.Real.Values.Select(y => -y * y).ToArray(), model.LogLikelihood(run.Real), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Truth_curation_keeps_low_noise_labels_and_slows_collapse()
    {
        var setting = new LinRegSetting(new() { Dim = D, Sigma2 = Sigma2 });
        var curated = WorkflowCatalog.BuiltIn.Create("replace", new Dictionary<string, string> { ["curate"] = "truth-top:0.25" });
        var plain = MonteCarlo.Values(MonteCarlo.Run(setting, new Replace(), N, 5, 300), MetricNames.TestMse, 5);
        var filtered = MonteCarlo.Values(MonteCarlo.Run(setting, curated, N, 5, 300), MetricNames.TestMse, 5);
        // Keeping the quarter of labels closest to the truth leaves far less noise than σ² in each generation.
        Assert.True(filtered.Average() < 0.5 * plain.Average(), $"curated {filtered.Average()} vs plain {plain.Average()}");
    }

    [Fact]
    public void Fresh_real_data_and_growing_generations_are_fitted_on_their_design_rows()
    {
        var setting = new LinRegSetting(new() { Dim = D, Sigma2 = Sigma2 });
        var fresh = WorkflowCatalog.BuiltIn.Create("fresh", new Dictionary<string, string> { ["fresh-real"] = "7" });
        var growing = WorkflowCatalog.BuiltIn.Create("accumulate", new Dictionary<string, string> { ["growth"] = "linear:13" });
        foreach (var workflow in new[] { fresh, growing })
        {
            var result = setting.Run(RunSpec.Create(setting, workflow, N, 10, 1));
            Assert.True(result.Succeeded, result.Error);
            Assert.All(result.Metrics, m => Assert.True(double.IsFinite(m.Value)));
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double x) => 0;
    }

    [Fact]
    public void Labels_take_and_concat_keep_each_label_with_its_row()
    {
        var a = new Labels([0, 1, 2], [0.5, 1.5, 2.5]);
        var b = new Labels([0, 1], [-1.0, -2.0]);
        var taken = a.Take([2, 0]);
        Assert.Equal([2, 0], taken.DesignRows);
        Assert.Equal([2.5, 0.5], taken.Values);
        var both = Labels.Concat([a, b]);
        Assert.Equal([0, 1, 2, 0, 1], both.DesignRows);
        Assert.Equal([0.5, 1.5, 2.5, -1.0, -2.0], both.Values);
    }

    [Fact]
    public void Same_seed_gives_identical_results_and_the_truth_does_not_depend_on_n()
    {
        var setting = new LinRegSetting(new() { Dim = 4, Sigma2 = 2 });
        foreach (var workflow in ExampleWorkflows.All)
        {
            var a = setting.Run(RunSpec.Create(setting, workflow, 15, 8, 7));
            var b = setting.Run(RunSpec.Create(setting, workflow, 15, 8, 7));
            Assert.True(a.Succeeded, a.Error);
            Assert.Equal(a.Metrics, b.Metrics);
            Assert.NotEqual(a.Metrics, setting.Run(RunSpec.Create(setting, workflow, 15, 8, 8)).Metrics);
        }
        Assert.Equal(((LinRegRun)setting.Start(15, 7)).TrueWeights, ((LinRegRun)setting.Start(40, 7)).TrueWeights);
        Assert.Equal(((LinRegRun)setting.Start(15, 7)).Test.Values, ((LinRegRun)setting.Start(40, 7)).Test.Values);
    }

    [Theory]
    [InlineData("dim", "0")]
    [InlineData("dim", "-3")]
    [InlineData("dim", "two")]
    [InlineData("sigma2", "-1")]
    [InlineData("sigma2", "NaN")]
    [InlineData("sigma2", "Infinity")]
    [InlineData("sigma2", "x")]
    public void Invalid_parameters_are_rejected_naming_the_parameter(string name, string value)
    {
        var e = Assert.Throws<InvalidParameterException>(() => TaskCatalog.BuiltIn.Create("linreg", new Dictionary<string, string> { [name] = value }));
        Assert.Equal(name, e.Parameter);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Too_few_samples_are_rejected_naming_samples()
    {
        var e = Assert.Throws<InvalidParameterException>(() => new LinRegSetting().Start(0, 1));
        Assert.Equal("samples", e.Parameter);
    }

    [Fact]
    public void The_catalog_builds_the_setting_with_its_defaults()
    {
        var setting = Assert.IsType<LinRegSetting>(TaskCatalog.BuiltIn.Create("linreg", new Dictionary<string, string> { ["sigma2"] = "0" }));
        Assert.Equal(10, setting.Dim);
        Assert.Equal(0.0, setting.Sigma2);
        Assert.Equal([KeyValuePair.Create("dim", "10"), KeyValuePair.Create("sigma2", "0")], setting.Parameters.Canonical);
    }
}
