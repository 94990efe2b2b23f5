using CollapseLab.Tasks;
using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Store;
using CollapseLab.Sweeps;
using CollapseLab.Tasks.Discrete;
using CollapseLab.Tests.Cli;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Sweeps;

/// <summary>
/// Small copies of every shape among the reference study's 49 toy-setting sweep files (ReferenceShapes/: its keys,
/// nesting and list layout exactly, with fewer values and seeds) plan and run unchanged.
/// </summary>
[Collection(CliTestCollection.Name)]
public sealed class ReferenceSweepShapesTests
{
    private static string Shape(string name) => Repository.File($"tests/CollapseLab.Tests/Sweeps/ReferenceShapes/{name}.yaml");

    public static TheoryData<string, string, int> Shapes => new()
    {
        // file, task, runs
        { "fit_gaussians", "gaussian", 2 * 2 * 2 * 2 },
        { "fit_kdes_blobs", "kde", 2 * 2 * 2 },
        { "fit_kdes_moons", "kde", 3 * 2 * 2 * 2 },
        { "fit_kdes_estimated_bandwidth", "kde", 2 * 2 * 2 },
        { "fit_kdes_iterations_over_two_lines", "kde", 2 * 2 * 2 },
        { "fit_linear_regressions", "linreg", 2 * 3 * 2 },
        { "fit_discrete_distributions", "discrete", 2 * 2 * 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryShapePlansAndRunsUnchanged(string file, string task, int runs)
    {
        var (code, output, error) = CliRunner.Run("sweep", "plan", Shape(file));
        Assert.True(code == 0, error);
        Assert.Contains($"task {task}, {runs:N0} runs", output);

        using var directory = new TempDirectory();
        (code, _, error) = CliRunner.Run("sweep", "run", Shape(file), "--store", directory.File("s.duckdb"), "--threads", "1");
        Assert.True(code == 0, error);
        using var store = ResultStore.OpenReadOnly(directory.File("s.duckdb"));
        var results = store.ReadResults(TaskCatalog.BuiltIn, task);
        Assert.Equal(runs, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
    }

    [Fact]
    public void ReferenceValuesReachTheirParameters()
    {
        var runs = SweepFile.Load(Shape("fit_kdes_moons"), TaskCatalog.BuiltIn).Expand();
        Assert.Equal(["moons"], runs.Select(r => r.Task.Parameters.Text("dataset")).Distinct());
        Assert.Equal(["0.05"], runs.Select(r => r.Task.Parameters.Text("noise")).Distinct());
        Assert.Equal(["0.01", "0.0316", "100"], runs.Select(r => r.Task.Parameters.Text("bandwidth")).Distinct());
        Assert.Equal(["scott", "silverman"], SweepFile.Load(Shape("fit_kdes_estimated_bandwidth"), TaskCatalog.BuiltIn).Expand().Select(r => r.Task.Parameters.Text("bandwidth")).Distinct());
        Assert.All(SweepFile.Load(Shape("fit_kdes_iterations_over_two_lines"), TaskCatalog.BuiltIn).Expand(), r => Assert.Equal(5, r.Iterations));
        Assert.Equal(["0.1", "1", "10"], SweepFile.Load(Shape("fit_linear_regressions"), TaskCatalog.BuiltIn).Expand().Select(r => r.Task.Parameters.Text("sigma2")).Distinct());
    }

    [Fact]
    public void DiscreteWithoutIterationsRunsToFixationUnderTheCap()
    {
        var runs = SweepFile.Load(Shape("fit_discrete_distributions"), TaskCatalog.BuiltIn).Expand();
        Assert.All(runs, r => Assert.Equal(("replace", DiscreteSetting.FixationIterationCap, "true"),
            (r.Workflow.Name, r.Iterations, r.Task.Parameters.Text(DiscreteSetting.StopAtFixationKey))));
        Assert.Equal(["10", "100"], runs.Select(r => r.Task.Parameters.Text("outcomes")).Distinct());

        var results = runs.Select(r => r.Task.Run(r)).ToArray();
        foreach (var result in results)
        {
            Assert.True(result.Succeeded, result.Error);
            var fixation = Assert.Single(result.Metrics, m => m.Metric == MetricNames.FixationIteration);
            // the run ends at its first fixed model, long before the cap, and its entropy is then 0 (the reference's < 1e-8)
            Assert.Equal(result.Metrics.Max(m => m.Iteration), (int)fixation.Value);
            Assert.Equal(0, result.Metrics.Single(m => m.Metric == MetricNames.Entropy && m.Iteration == (int)fixation.Value).Value);
            Assert.True(result.Metrics.Where(m => m.Metric == MetricNames.Entropy && m.Iteration < (int)fixation.Value).All(m => m.Value > 1e-8));
        }
        // reports carry a fixed run's last value to the group's longest run, not to the cap of 10^7 iterations
        foreach (var group in RunGroup.From(results, TaskCatalog.BuiltIn))
        {
            int longest = group.Runs.Max(r => r.Metrics.Max(m => m.Iteration));
            Assert.All(group.Runs, r => Assert.Equal(longest, group.Trajectory(r, MetricNames.Entropy).Keys.Last()));
        }
    }

    public static TheoryData<string, string> Refused => new()
    {
        // yaml (the marked token «…» is where the error must point), message fragment
        { DiscreteYaml("init_sampling_distribution: {values: [uniform, «zipf»]}", ""), "only the uniform initial distribution is implemented" },
        { DiscreteYaml("num_outcomes: {value: 10}", "  setting: {values: [Replace, «Accumulate»]}\n"), "never reaches fixation" },
        { DiscreteYaml("num_outcomes: {value: 10}", "  setting: {values: [Replace, «keep-real-subsample»]}\n"), "never reaches fixation" },
        { DiscreteYaml("num_outcomes: {value: 10}", "  stop-at-fixation: {values: [«false»]}\n"), "stop-at-fixation false needs iterations" },
    };

    private static string DiscreteYaml(string dataConfig, string extra) =>
        "program: src/fit_discrete_distributions/fit_discrete_distributions.py\nparameters:\n  data_config:\n    parameters:\n      "
        + (dataConfig.StartsWith("init", StringComparison.Ordinal) ? dataConfig : "init_sampling_distribution: {values: [uniform]}\n  " + dataConfig)
        + "\n  num_samples_per_iteration: {values: [10]}\n" + extra;

    [Theory]
    [MemberData(nameof(Refused))]
    public void UnsupportedValuesAndWorkflowsThatNeverFixAreRefusedWithTheirPlace(string marked, string fragment)
    {
        string yaml = marked.Replace("«", "").Replace("»", "");
        int index = marked.IndexOf('«');
        int line = marked[..index].Count(c => c == '\n') + 1, column = index - (marked[..index].LastIndexOf('\n') + 1) + 1;
        var e = Assert.Throws<SweepException>(() => SweepFile.Parse(yaml, "bad.yaml", TaskCatalog.BuiltIn).Expand());
        Assert.StartsWith($"bad.yaml:{line}:{column}: ", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void DiscreteWithIterationsKeepsThemAndAnotherTaskMayNotNameTheInitialDistribution()
    {
        var runs = SweepFile.Parse(DiscreteYaml("num_outcomes: {value: 10}", "  num_iterations: {values: [7]}\n  setting: {values: [Accumulate]}\n"), "d.yaml", TaskCatalog.BuiltIn).Expand();
        Assert.All(runs, r => Assert.Equal((7, "false"), (r.Iterations, r.Task.Parameters.Text(DiscreteSetting.StopAtFixationKey))));
        var e = Assert.Throws<SweepException>(() => SweepFile.Parse("task: gaussian\nparameters:\n  data_config:\n    parameters:\n      init_sampling_distribution: {values: [uniform]}\n", "g.yaml", TaskCatalog.BuiltIn));
        Assert.Contains("unknown parameter 'data_config.init_sampling_distribution' for task gaussian", e.Message);
    }
}
