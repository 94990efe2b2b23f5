using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Reports;
using CollapseLab.Reports.Theory;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Reports;

public sealed class TheoryOverlayTests
{
    private static RunGroup Group(string workflow, Dictionary<string, string>? task = null, Dictionary<string, string>? flow = null, int samples = 10)
    {
        var spec = RunSpec.Create(TaskCatalog.BuiltIn.Create("gaussian", task), WorkflowCatalog.BuiltIn.Create(workflow, flow), samples, 10, 0);
        return RunGroup.From([new RunResult(spec, [], null, TimeSpan.Zero)], TaskCatalog.BuiltIn).Single();
    }

    [Theory]
    [InlineData("replace", MetricNames.MeanSqError, 2, 0.1900)]
    [InlineData("replace", MetricNames.CovTraceRatio, 10, 0.3487)]
    [InlineData("accumulate", MetricNames.MeanSqError, 5, 0.1411)]
    [InlineData("accumulate-subsample", MetricNames.CovTraceRatio, 10, 0.7598)]
    [InlineData("replace", MetricNames.CovDetRatio, 1, 0.9)]
    public void Gaussian_overlay_gives_the_design_table(string workflow, string metric, int t, double expected)
    {
        Assert.Equal(expected, TheoryOverlay.Expectation(Group(workflow), metric, t)!.Value, 4);
    }

    [Fact]
    public void No_line_where_no_closed_form_is_known()
    {
        Assert.Null(TheoryOverlay.Expectation(Group("replace"), MetricNames.TestNll, 3));
        Assert.Null(TheoryOverlay.Expectation(Group("replace", flow: new() { ["curate"] = "random:0.5" }), MetricNames.MeanSqError, 3));
        Assert.Null(TheoryOverlay.Expectation(Group("replace"), MetricNames.MeanSqError, 11)); // beyond T
        Assert.Null(TheoryOverlay.Expectation(Group("accumulate"), MetricNames.CovDetRatio, 3));
        Assert.Null(TheoryOverlay.Expectation(Group("replace", new() { ["temperature"] = "0.5" }), MetricNames.CovDetRatio, 3));
        Assert.Null(TheoryOverlay.Expectation(Group("replace", new() { ["dim"] = "10" }), MetricNames.CovDetRatio, 3)); // n ≤ d
    }

    [Theory]
    [InlineData("replace", "estimator", "unbiased", null, null)]
    [InlineData("replace", "temperature", "0.5", null, null)]
    [InlineData("replace", null, null, "fresh-real", "5")]
    [InlineData("window", null, null, "window", "3")]
    [InlineData("mix", null, null, null, null)]
    public void Other_workflows_and_settings_follow_the_gaussian_recursion(string workflow, string? taskKey, string? taskValue, string? flowKey, string? flowValue)
    {
        var group = Group(workflow, taskKey is null ? null : new() { [taskKey] = taskValue! }, flowKey is null ? null : new() { [flowKey] = flowValue! });
        var expected = GaussianRecursion.Expect((GaussianSetting)group.Representative.Task, group.Representative.Workflow, group.Samples, group.Iterations)!;
        Assert.Equal(expected.MeanSqError[4], TheoryOverlay.Expectation(group, MetricNames.MeanSqError, 5));
        Assert.Equal(expected.TraceRatio[9], TheoryOverlay.Expectation(group, MetricNames.CovTraceRatio, 10));
    }

    [Fact]
    public void Sigma_and_dimension_scale_the_mean_error()
    {
        var group = Group("replace", new() { ["dim"] = "3", ["sigma2"] = "2" });
        Assert.Equal(2 * 3 * 0.19, TheoryOverlay.Expectation(group, MetricNames.MeanSqError, 2)!.Value, 10);
    }

    private static RunGroup GroupOf(string task, Dictionary<string, string> parameters, string workflow, int samples)
    {
        var spec = RunSpec.Create(TaskCatalog.BuiltIn.Create(task, parameters), WorkflowCatalog.BuiltIn.Create(workflow), samples, 10, 0);
        return RunGroup.From([new RunResult(spec, [], null, TimeSpan.Zero)], TaskCatalog.BuiltIn).Single();
    }

    [Theory]
    [InlineData("replace", 3, 0.9 * 0.95 * 0.95 * 0.95)]
    [InlineData("accumulate", 2, 0.9 * (1 - 1.0 / 20) * (1 - 1.0 / 80))]
    public void Discrete_overlay_gives_the_gini_simpson_expectation(string workflow, int t, double expected)
    {
        var group = GroupOf("discrete", new() { ["outcomes"] = "10" }, workflow, 20);
        Assert.Equal(expected, TheoryOverlay.Expectation(group, MetricNames.GiniSimpson, t)!.Value, 12);
        Assert.Null(TheoryOverlay.Expectation(GroupOf("discrete", new() { ["outcomes"] = "10" }, "accumulate-subsample", 20), MetricNames.GiniSimpson, t));
    }

    [Theory]
    [InlineData("replace", 4, 4 * 10.0 / 21)]
    [InlineData("accumulate", 2, 10.0 / 21 * 1.25)]
    public void LinReg_overlay_gives_the_test_mse_expectation(string workflow, int t, double expected)
    {
        var group = GroupOf("linreg", new() { ["dim"] = "10", ["sigma2"] = "1" }, workflow, 32);
        Assert.Equal(expected, TheoryOverlay.Expectation(group, MetricNames.TestMse, t)!.Value, 12);
        Assert.Null(TheoryOverlay.Expectation(GroupOf("linreg", new() { ["dim"] = "10" }, workflow, 11), MetricNames.TestMse, t));
    }

    /// <summary>Trains on the whole pool (Accumulate) under the name "replace": theory must go by what a workflow is.</summary>
    private sealed class AccumulateNamedReplace() : Workflow("replace", ParameterValues.Parse(Modifiers, new Dictionary<string, string>(), "workflow replace"))
    {
        public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, CollapseLab.Random.Rng rng) =>
            Selection.Whole(Enumerable.Range(0, pool.Count));
    }

    [Theory]
    [InlineData("discrete", "outcomes", "10", MetricNames.GiniSimpson)]
    [InlineData("linreg", "dim", "10", MetricNames.TestMse)]
    [InlineData("gaussian", "dim", "1", MetricNames.CovDetRatio)]
    public void A_custom_workflow_that_reuses_a_reference_name_gets_no_reference_theory(string task, string key, string value, string metric)
    {
        var spec = RunSpec.Create(TaskCatalog.BuiltIn.Create(task, new Dictionary<string, string> { [key] = value }), new AccumulateNamedReplace(), 32, 10, 0);
        var group = RunGroup.From([new RunResult(spec, [], null, TimeSpan.Zero)], TaskCatalog.BuiltIn).Single();
        Assert.Equal("replace", group.Workflow);
        Assert.Null(TheoryOverlay.Expectation(group, metric, 3));
    }

    [Fact]
    public void The_overlay_draws_whatever_theory_the_tasks_catalogue_entry_declares()
    {
        var own = GaussianSetting.Info with { Theory = run => new Dictionary<string, double[]> { ["made_up"] = [0.5, 0.25] } };
        var spec = RunSpec.Create(new GaussianSetting(), new Replace(), 10, 2, 0);
        var declared = RunGroup.From([new RunResult(spec, [], null, TimeSpan.Zero)], new TaskCatalog(own)).Single();
        Assert.Equal(0.25, TheoryOverlay.Expectation(declared, "made_up", 2));
        Assert.Null(TheoryOverlay.Expectation(declared, MetricNames.MeanSqError, 2)); // the catalogue's entry, not the setting's type, decides
        var unknown = RunGroup.From([new RunResult(spec, [], null, TimeSpan.Zero)], new TaskCatalog(CollapseLab.Tasks.Kde.KdeSetting.Info)).Single();
        Assert.Null(unknown.Info);
        Assert.Null(TheoryOverlay.Expectation(unknown, MetricNames.MeanSqError, 2));
    }
}
