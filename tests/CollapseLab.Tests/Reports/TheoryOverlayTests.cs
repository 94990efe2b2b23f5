using CollapseLab.Loop;
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
        var spec = RunSpec.Create(TaskCatalog.Create("gaussian", task), WorkflowCatalog.Create(workflow, flow), samples, 10, 0);
        return RunGroup.From([new RunResult(spec, [], null, TimeSpan.Zero)]).Single();
    }

    [Theory]
    [InlineData("replace", MetricNames.MeanSqError, 2, 0.1900)]
    [InlineData("replace", MetricNames.CovTraceRatio, 10, 0.3487)]
    [InlineData("accumulate", MetricNames.MeanSqError, 5, 0.1411)]
    [InlineData("accumulate-subsample", MetricNames.CovTraceRatio, 10, 0.7598)]
    [InlineData("replace", MetricNames.CovDetRatio, 1, 0.9)]
    public void Gaussian_overlay_gives_the_design_table(string workflow, string metric, int t, double expected)
    {
        Assert.Equal(expected, TheoryOverlays.Expectation(Group(workflow), metric, t)!.Value, 4);
    }

    [Fact]
    public void No_line_where_no_closed_form_is_known()
    {
        Assert.Null(TheoryOverlays.Expectation(Group("replace"), MetricNames.TestNll, 3));
        Assert.Null(TheoryOverlays.Expectation(Group("replace", flow: new() { ["curate"] = "random:0.5" }), MetricNames.MeanSqError, 3));
        Assert.Null(TheoryOverlays.Expectation(Group("replace"), MetricNames.MeanSqError, 11)); // beyond T
        Assert.Null(TheoryOverlays.Expectation(Group("accumulate"), MetricNames.CovDetRatio, 3));
        Assert.Null(TheoryOverlays.Expectation(Group("replace", new() { ["temperature"] = "0.5" }), MetricNames.CovDetRatio, 3));
        Assert.Null(TheoryOverlays.Expectation(Group("replace", new() { ["dim"] = "10" }), MetricNames.CovDetRatio, 3)); // n ≤ d
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
        Assert.Equal(expected.MeanSqError[4], TheoryOverlays.Expectation(group, MetricNames.MeanSqError, 5));
        Assert.Equal(expected.TraceRatio[9], TheoryOverlays.Expectation(group, MetricNames.CovTraceRatio, 10));
    }

    [Fact]
    public void Sigma_and_dimension_scale_the_mean_error()
    {
        var group = Group("replace", new() { ["dim"] = "3", ["sigma2"] = "2" });
        Assert.Equal(2 * 3 * 0.19, TheoryOverlays.Expectation(group, MetricNames.MeanSqError, 2)!.Value, 10);
    }

    private static RunGroup GroupOf(string task, Dictionary<string, string> parameters, string workflow, int samples)
    {
        var spec = RunSpec.Create(TaskCatalog.Create(task, parameters), WorkflowCatalog.Create(workflow), samples, 10, 0);
        return RunGroup.From([new RunResult(spec, [], null, TimeSpan.Zero)]).Single();
    }

    [Theory]
    [InlineData("replace", 3, 0.9 * 0.95 * 0.95 * 0.95)]
    [InlineData("accumulate", 2, 0.9 * (1 - 1.0 / 20) * (1 - 1.0 / 80))]
    public void Discrete_overlay_gives_the_gini_simpson_expectation(string workflow, int t, double expected)
    {
        var group = GroupOf("discrete", new() { ["outcomes"] = "10" }, workflow, 20);
        Assert.Equal(expected, TheoryOverlays.Expectation(group, MetricNames.GiniSimpson, t)!.Value, 12);
        Assert.Null(TheoryOverlays.Expectation(GroupOf("discrete", new() { ["outcomes"] = "10" }, "accumulate-subsample", 20), MetricNames.GiniSimpson, t));
    }

    [Theory]
    [InlineData("replace", 4, 4 * 10.0 / 21)]
    [InlineData("accumulate", 2, 10.0 / 21 * 1.25)]
    public void LinReg_overlay_gives_the_test_mse_expectation(string workflow, int t, double expected)
    {
        var group = GroupOf("linreg", new() { ["dim"] = "10", ["sigma2"] = "1" }, workflow, 32);
        Assert.Equal(expected, TheoryOverlays.Expectation(group, MetricNames.TestMse, t)!.Value, 12);
        Assert.Null(TheoryOverlays.Expectation(GroupOf("linreg", new() { ["dim"] = "10" }, workflow, 11), MetricNames.TestMse, t));
    }
}
