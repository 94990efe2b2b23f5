using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Discrete;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Tasks.Discrete;

public class DiscreteTaskTests
{
    [Fact]
    public void Replace_gini_simpson_matches_the_exact_expectation()
    {
        const int k = 10, n = 20;
        var results = MonteCarlo.Run(new DiscreteSetting(new() { Outcomes = k }), new Replace(), n, 10, 4000);
        foreach (int t in new[] { 1, 2, 5, 10 })
        {
            double expected = (1 - 1.0 / k) * Math.Pow(1 - 1.0 / n, t);
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.GiniSimpson, t), expected, $"gini_simpson at t={t}", 0.05);
        }
    }

    [Fact]
    public void Accumulate_gini_simpson_matches_the_exact_expectation()
    {
        // Small K and n, where the Accumulate factor Π(1 − 1/(n k²)) is far from both 1 and the Replace value.
        const int k = 3, n = 4;
        var results = MonteCarlo.Run(new DiscreteSetting(new() { Outcomes = k }), new Accumulate(), n, 10, 4000);
        foreach (int t in new[] { 1, 2, 5, 10 })
        {
            double expected = 1 - 1.0 / k;
            for (int i = 1; i <= t; i++) expected *= 1 - 1.0 / (n * (double)i * i);
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.GiniSimpson, t), expected, $"gini_simpson at t={t}", 0.05);
        }
    }

    [Fact]
    public void Mean_fixation_time_is_within_ten_percent_of_the_diffusion_approximation()
    {
        const int k = 10, n = 20, seeds = 3000;
        double approximation = 2.0 * n * (k - 1) * Math.Log(k / (k - 1.0)); // ≈ 37.9
        var results = MonteCarlo.Run(new DiscreteSetting(new() { Outcomes = k, StopAtFixation = true }), new Replace(), n, 100_000, seeds);
        var times = results.Select(r => r.Metrics.Single(m => m.Metric == MetricNames.FixationIteration).Value).ToArray();
        foreach (var r in results) Assert.Equal(r.Metrics.Max(m => m.Iteration), (int)r.Metrics.Single(m => m.Metric == MetricNames.FixationIteration).Value);
        var (mean, se) = MonteCarlo.MeanAndError(times);
        Assert.True(4 * se <= 0.05 * approximation, $"not sharp: SE {se}");
        Assert.True(Math.Abs(mean - approximation) <= 0.1 * approximation,
            $"mean fixation iteration {mean:F2} (SE {se:F2}) is not within 10% of 2n(K−1)ln(K/(K−1)) = {approximation:F2}");
    }

    [Fact]
    public void Stop_at_fixation_ends_the_run_at_the_first_single_outcome_iteration()
    {
        var result = Run(new DiscreteSetting(new() { Outcomes = 4, StopAtFixation = true }), new Replace(), 6, 10_000, 11);
        int last = result.Metrics.Max(m => m.Iteration);
        Assert.True(last < 10_000);
        Assert.Equal(last, Value(result, MetricNames.FixationIteration, last));
        Assert.Equal(1, Value(result, MetricNames.Support, last));
        Assert.Equal(0.0, Value(result, MetricNames.Entropy, last));
        Assert.Equal(0.0, Value(result, MetricNames.GiniSimpson, last));
        for (int t = 1; t < last; t++) Assert.True(Value(result, MetricNames.Support, t) > 1);
    }

    [Fact]
    public void Without_the_flag_the_run_continues_and_records_fixation_once()
    {
        var stopped = Run(new DiscreteSetting(new() { Outcomes = 4, StopAtFixation = true }), new Replace(), 6, 10_000, 11);
        int fixation = stopped.Metrics.Max(m => m.Iteration);
        var full = Run(new DiscreteSetting(new() { Outcomes = 4 }), new Replace(), 6, fixation + 20, 11);
        Assert.Equal(fixation + 20, full.Metrics.Max(m => m.Iteration));
        var fixations = full.Metrics.Where(m => m.Metric == MetricNames.FixationIteration).ToArray();
        Assert.Equal(fixation, Assert.Single(fixations).Value);
        Assert.Equal(stopped.Metrics, full.Metrics.Where(m => m.Iteration <= fixation));
    }

    [Fact]
    public void The_iteration_cap_ends_a_run_that_has_not_fixed()
    {
        var result = Run(new DiscreteSetting(new() { Outcomes = 1000, StopAtFixation = true }), new Replace(), 1000, 5, 1);
        Assert.Equal(5, result.Metrics.Max(m => m.Iteration));
        Assert.DoesNotContain(result.Metrics, m => m.Metric == MetricNames.FixationIteration);
    }

    [Fact]
    public void Accumulate_never_fixes_while_the_real_data_hold_two_outcomes()
    {
        for (ulong seed = 0; seed < 20; seed++)
        {
            var result = Run(new DiscreteSetting(new() { Outcomes = 2, StopAtFixation = true }), new Accumulate(), 3, 300, seed);
            Assert.True(result.Succeeded, result.Error);
            if (Value(result, MetricNames.Support, 1) < 2) continue; // the real data fixed already
            Assert.Equal(300, result.Metrics.Max(m => m.Iteration));
            Assert.DoesNotContain(result.Metrics, m => m.Metric == MetricNames.FixationIteration);
        }
    }

    public static TheoryData<string> WorkflowNames => new(WorkflowCatalog.BuiltIn.All.Select(w => w.Name));

    [Theory]
    [MemberData(nameof(WorkflowNames))]
    public void Entropy_is_never_nan_and_metrics_stay_in_range(string workflow)
    {
        foreach (var (k, n) in new[] { (2, 1), (5, 3), (1000, 5), (3, 50) })
        {
            for (ulong seed = 0; seed < 5; seed++)
            {
                var result = Run(new DiscreteSetting(new() { Outcomes = k }), ExampleWorkflows.Create(workflow), n, 60, seed);
                Assert.True(result.Succeeded, result.Error);
                for (int t = 1; t <= 60; t++)
                {
                    double entropy = Value(result, MetricNames.Entropy, t), gini = Value(result, MetricNames.GiniSimpson, t);
                    double support = Value(result, MetricNames.Support, t);
                    Assert.True(double.IsFinite(entropy) && entropy >= 0 && entropy <= Math.Log(support) + 1e-12, $"entropy {entropy}");
                    Assert.True(gini >= 0 && gini <= 1 - 1 / support + 1e-12, $"gini {gini}");
                    Assert.InRange(support, 1, k);
                    if (workflow == "replace") Assert.True(support <= n);
                    if (support == 1) Assert.Equal(0.0, entropy);
                }
            }
        }
    }

    [Fact]
    public void Metrics_are_those_of_the_empirical_proportions()
    {
        var run = (DiscreteRun)new DiscreteSetting(new() { Outcomes = 5 }).Start(1, 0);
        var model = new DiscreteModel(run, new OutcomeCounts(CountVector.FromSorted([0, 0, 1, 3, 3, 3])).Vector);
        double[] p = [2 / 6.0, 1 / 6.0, 3 / 6.0];
        Assert.Equal(-p.Sum(x => x * Math.Log(x)), model.Entropy, 1e-15);
        Assert.Equal(1 - p.Sum(x => x * x), model.GiniSimpson, 1e-15);
        Assert.Equal(3, model.Counts.Support);
    }

    [Fact]
    public void Accumulate_pooled_counts_equal_the_counts_of_the_whole_pool()
    {
        var setting = new DiscreteSetting(new() { Outcomes = 50 });
        var run = (DiscreteRun)setting.Start(40, 3);
        var pool = new Pool<OutcomeCounts>();
        pool.Add(run.Real, Origin.Real, 0);
        var rng = new Rng(8);
        // Growing prefixes (incremental), then a shorter one (recomputed), then growing again.
        foreach (int length in new[] { 1, 2, 3, 5, 2, 6 })
        {
            while (pool.Entries.Count < length) pool.Add(setting.DrawTruth(40, rng), Origin.Synthetic, pool.Entries.Count);
            var train = new TrainingSet<OutcomeCounts>(pool, Selection.Whole(Enumerable.Range(0, length)));
            var fitted = ((DiscreteModel)run.Fit(train, rng)).Counts;
            var expected = Enumerable.Range(0, length).SelectMany(e => Expand(pool[e])).Order().ToArray();
            Assert.Equal(expected, Expand(fitted));
            Assert.Equal(40L * length, fitted.Total);
        }
    }

    [Fact]
    public void Sample_draws_n_samples_from_the_fitted_support()
    {
        var run = (DiscreteRun)new DiscreteSetting(new() { Outcomes = 100_000 }).Start(100_000, 5);
        var model = (DiscreteModel)run.Fit(new TrainingSet<OutcomeCounts>(PoolOf(run.Real), Selection.Whole([0])), new Rng(1));
        var sample = model.Sample(100_000, new Rng(2));
        Assert.Equal(100_000, sample.Count);
        foreach (int outcome in sample.Outcomes) Assert.True(run.Real.CountOf(outcome) > 0);
        // About (1 − 1/e)·K outcomes of a uniform K = n draw occur.
        Assert.InRange(run.Real.Outcomes.Length, 62_500, 64_000);
    }

    [Fact]
    public void More_outcomes_than_samples_draws_individual_outcomes()
    {
        var setting = new DiscreteSetting(new() { Outcomes = int.MaxValue });
        var real = setting.DrawTruth(1000, new Rng(4));
        Assert.Equal(1000, real.Count);
        Assert.True(real.Outcomes.Length > 990);
        Assert.True(real.Outcomes[^1] > 1_000_000);
    }

    [Fact]
    public void Same_seed_gives_identical_results_and_workflows_share_the_real_data()
    {
        var setting = new DiscreteSetting(new() { Outcomes = 30 });
        foreach (var workflow in ExampleWorkflows.All)
        {
            var a = Run(setting, workflow, 25, 30, 42);
            var b = Run(setting, workflow, 25, 30, 42);
            Assert.Equal(a.Metrics, b.Metrics);
            Assert.NotEqual(a.Metrics, Run(setting, workflow, 25, 30, 43).Metrics);
        }
        var replace = Run(setting, new Replace(), 25, 1, 42);
        var accumulate = Run(setting, new Accumulate(), 25, 1, 42);
        Assert.Equal(replace.Metrics, accumulate.Metrics);
    }

    [Fact]
    public void Fresh_real_data_and_growing_generations_run()
    {
        var setting = new DiscreteSetting(new() { Outcomes = 5, StopAtFixation = true });
        var fresh = Run(setting, WorkflowCatalog.BuiltIn.Create("fresh", new Dictionary<string, string> { ["fresh-real"] = "3" }), 4, 40, 2);
        Assert.True(fresh.Succeeded, fresh.Error);
        var growing = Run(setting, WorkflowCatalog.BuiltIn.Create("accumulate", new Dictionary<string, string> { ["growth"] = "linear:10" }), 4, 20, 2);
        Assert.Equal(20, growing.Metrics.Max(m => m.Iteration));
    }

    [Fact]
    public void Likelihood_curation_is_rejected_naming_curate()
    {
        var workflow = WorkflowCatalog.BuiltIn.Create("replace", new Dictionary<string, string> { ["curate"] = "model-top:0.5" });
        var e = Assert.Throws<InvalidParameterException>(() => RunSpec.Create(new DiscreteSetting(), workflow, 10, 5, 0));
        Assert.Equal("curate", e.Parameter);
        var random = WorkflowCatalog.BuiltIn.Create("replace", new Dictionary<string, string> { ["curate"] = "random:0.5" });
        Assert.True(Run(new DiscreteSetting(), random, 10, 5, 0).Succeeded);
    }

    [Theory]
    [InlineData("outcomes", "1")]
    [InlineData("outcomes", "0")]
    [InlineData("outcomes", "-5")]
    [InlineData("outcomes", "ten")]
    [InlineData("outcomes", "2.5")]
    [InlineData("stop-at-fixation", "maybe")]
    public void Invalid_parameters_are_rejected_naming_the_parameter(string name, string value)
    {
        var e = Assert.Throws<InvalidParameterException>(() => TaskCatalog.BuiltIn.Create("discrete", new Dictionary<string, string> { [name] = value }));
        Assert.Equal(name, e.Parameter);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Too_few_samples_are_rejected_naming_samples()
    {
        var e = Assert.Throws<InvalidParameterException>(() => new DiscreteSetting(new() { Outcomes = 5 }).Start(0, 1));
        Assert.Equal("samples", e.Parameter);
    }

    [Fact]
    public void The_catalog_builds_the_setting_with_its_defaults()
    {
        var setting = Assert.IsType<DiscreteSetting>(TaskCatalog.BuiltIn.Create("discrete", new Dictionary<string, string> { ["stop-at-fixation"] = "true" }));
        Assert.Equal(10, setting.Outcomes);
        Assert.True(setting.StopAtFixation);
        Assert.Equal([KeyValuePair.Create("outcomes", "10"), KeyValuePair.Create("stop-at-fixation", "true")], setting.Parameters.Canonical);
    }

    private static RunResult Run(ITaskSetting task, IWorkflow workflow, int n, int iterations, ulong seed)
    {
        var result = task.Run(RunSpec.Create(task, workflow, n, iterations, seed));
        Assert.True(result.Succeeded, result.Error);
        return result;
    }

    private static double Value(RunResult result, string metric, int iteration) =>
        result.Metrics.Single(m => m.Iteration == iteration && m.Metric == metric).Value;

    private static Pool<OutcomeCounts> PoolOf(OutcomeCounts real)
    {
        var pool = new Pool<OutcomeCounts>();
        pool.Add(real, Origin.Real, 0);
        return pool;
    }

    private static int[] Expand(OutcomeCounts counts) => Expand(counts.Vector);

    private static int[] Expand(CountVector counts) =>
        counts.Outcomes.Zip(counts.Counts).SelectMany(oc => Enumerable.Repeat(oc.First, (int)oc.Second)).ToArray();
}
