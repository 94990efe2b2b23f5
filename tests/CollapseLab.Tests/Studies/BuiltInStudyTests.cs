using CollapseLab.Studies;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Gaussian;

namespace CollapseLab.Tests.Studies;

public sealed class BuiltInStudyTests
{
    /// <summary>The study over the core library's catalogue: the language model's file is left out (CollapseLab.Lm.Tests checks it).</summary>
    private static BuiltInStudy CoreStudy(StudyScale scale) => new(scale, TaskCatalog.BuiltIn);

    [Theory]
    [InlineData(StudyScale.Quick)]
    [InlineData(StudyScale.Paper)]
    public void Every_task_setting_has_a_sweep_file_at_every_scale(StudyScale scale)
    {
        var study = CoreStudy(scale);
        Assert.Equal([$"sweeps/reproduce/{BuiltInStudy.FolderOf(scale)}/lm.yaml"], study.Skipped.Select(s => s.Split(':')[0]));
        // The language model's files are checked in tests/CollapseLab.Lm.Tests/ReproduceStudyTests.cs.
        // The external setting runs the user's own programs, so no built-in study can include it.
        var settings = TaskCatalog.BuiltIn.All.Where(t => t.Name != CollapseLab.Tasks.External.ExternalSetting.TaskName);
        var missing = settings.Select(t => t.Name).Except(study.Sweeps.Select(s => s.Task)).ToArray();
        Assert.True(missing.Length == 0,
            $"no {BuiltInStudy.FolderOf(scale)} grid for {string.Join(", ", missing)}: add sweeps/reproduce/{BuiltInStudy.FolderOf(scale)}/<task>.yaml");
    }

    [Theory]
    [InlineData(StudyScale.Quick)]
    [InlineData(StudyScale.Paper)]
    public void Every_task_runs_all_three_reference_workflows(StudyScale scale)
    {
        // per task, over its files: the paper's discrete grid is the reference's Replace-only one, with the other
        // workflows in a part of their own (discrete-workflows.yaml)
        foreach (var task in CoreStudy(scale).Runs.GroupBy(r => r.Task.Name))
            Assert.Equal(["accumulate", "accumulate-subsample", "replace"], task.Select(r => r.Workflow.Name).Distinct().Order());
    }

    [Fact]
    public void Quick_gaussian_is_small_and_has_enough_seeds_for_a_verdict()
    {
        var runs = CoreStudy(StudyScale.Quick).Runs.Where(r => r.Task.Name == "gaussian").ToArray();
        Assert.InRange(runs.Length, 1, 2_000); // seconds on two cores: the quick study's budget belongs to the LM
        Assert.True(runs.Select(r => r.Seed).Distinct().Count() >= CollapseLab.Reports.MedianInterval.MinimumCount);
        Assert.All(runs, r => Assert.Equal(100, r.Iterations));
    }

    [Fact]
    public void Paper_gaussian_is_the_reference_grid()
    {
        var runs = CoreStudy(StudyScale.Paper).Runs.Where(r => r.Task.Name == "gaussian").ToArray();
        Assert.Equal(3 * 5 * 5 * 100, runs.Length);
        Assert.Equal([1, 3, 10, 31, 100], runs.Select(r => int.Parse(r.Task.Parameters.Text("dim")!)).Distinct().Order());
        Assert.Equal([10, 32, 100, 316, 1000], runs.Select(r => r.Samples).Distinct().Order());
        Assert.Equal(Enumerable.Range(0, 100).Select(s => (ulong)s), runs.Select(r => r.Seed).Distinct().Order());
    }

    [Fact]
    public void A_file_for_a_task_the_catalogue_lacks_is_left_out_and_named()
    {
        var study = new BuiltInStudy(StudyScale.Quick,
        [
            ("sweeps/reproduce/quick/gaussian.yaml", "task: gaussian\nparameters:\n  samples: {value: 10}\n  iterations: {value: 5}\n"),
            ("sweeps/reproduce/quick/elsewhere.yaml", "task: elsewhere   # a setting from an assembly that is not loaded\nparameters:\n  samples: {value: 10}\n"),
        ], TaskCatalog.BuiltIn);
        Assert.Single(study.Sweeps);
        Assert.Contains("sweeps/reproduce/quick/elsewhere.yaml: task 'elsewhere'", Assert.Single(study.Skipped));
    }

    [Fact]
    public void A_task_whose_data_cannot_be_fetched_is_left_out_with_the_reason_and_the_rest_stays()
    {
        var fetched = new List<string>();
        var catalog = TaskCatalog.BuiltIn.With(
            new TaskInfo("test-fetched", "stand-in whose data fetch succeeds", GaussianParameters.Declaration.Specs, p => new GaussianSetting(GaussianParameters.Declaration.Read(p)))
                { FetchData = log => { fetched.Add("test-fetched"); log("fetched"); } },
            new TaskInfo("test-unfetchable", "stand-in whose data cannot be fetched", GaussianParameters.Declaration.Specs, p => new GaussianSetting(GaussianParameters.Declaration.Read(p)))
                { FetchData = _ => throw new TaskDataException("no network; run 'collapse data fetch' once it is back") });
        var log = new List<string>();

        var study = Reproduction.Prepare(StudyScale.Quick,
        [
            ("sweeps/reproduce/quick/fetched.yaml", "task: test-fetched\nparameters:\n  samples: {value: 10}\n  iterations: {value: 5}\n"),
            ("sweeps/reproduce/quick/unfetchable.yaml", "task: test-unfetchable\nparameters:\n  samples: {value: 10}\n  iterations: {value: 5}\n"),
        ], catalog, log.Add);

        Assert.Equal(["test-fetched"], fetched);
        Assert.Equal(["fetched"], log);
        Assert.Equal("test-fetched", Assert.Single(study.Sweeps).Task);
        Assert.Equal("sweeps/reproduce/quick/unfetchable.yaml: no network; run 'collapse data fetch' once it is back", Assert.Single(study.Skipped));
        Assert.NotEmpty(study.Runs);
    }
}
