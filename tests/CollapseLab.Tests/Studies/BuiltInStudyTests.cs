using CollapseLab.Studies;
using CollapseLab.Tasks;

namespace CollapseLab.Tests.Studies;

public sealed class BuiltInStudyTests
{
    [Theory]
    [InlineData(StudyScale.Quick)]
    [InlineData(StudyScale.Paper)]
    public void Every_task_setting_has_a_sweep_file_at_every_scale(StudyScale scale)
    {
        var study = new BuiltInStudy(scale);
        Assert.Empty(study.Skipped);
        // The core library's settings. Test stand-ins are not the project's, and the language model (registered
        // by the CLI, so present or not depending on test order) is not in the built-in study yet: it needs the
        // fetched corpora and a pretrained base that the quick budget cannot hold (see docs/lm.md).
        var settings = TaskCatalog.All.Where(t => t.Create.Method.Module.Assembly == typeof(TaskCatalog).Assembly);
        var missing = settings.Select(t => t.Name).Except(study.Sweeps.Select(s => s.Task)).ToArray();
        Assert.True(missing.Length == 0,
            $"no {BuiltInStudy.FolderOf(scale)} grid for {string.Join(", ", missing)}: add sweeps/reproduce/{BuiltInStudy.FolderOf(scale)}/<task>.yaml");
    }

    [Theory]
    [InlineData(StudyScale.Quick)]
    [InlineData(StudyScale.Paper)]
    public void Every_task_runs_all_three_reference_workflows(StudyScale scale)
    {
        foreach (var sweep in new BuiltInStudy(scale).Sweeps)
        {
            var workflows = sweep.Expand().Select(r => r.Workflow.Name).Distinct().Order();
            Assert.Equal(["accumulate", "accumulate-subsample", "replace"], workflows);
        }
    }

    [Fact]
    public void Quick_gaussian_is_small_and_has_enough_seeds_for_a_verdict()
    {
        var runs = new BuiltInStudy(StudyScale.Quick).Runs.Where(r => r.Task.Name == "gaussian").ToArray();
        Assert.InRange(runs.Length, 1, 2_000); // seconds on two cores: the quick study's budget belongs to the LM
        Assert.True(runs.Select(r => r.Seed).Distinct().Count() >= CollapseLab.Reports.MedianInterval.MinimumCount);
        Assert.All(runs, r => Assert.Equal(100, r.Iterations));
    }

    [Fact]
    public void Paper_gaussian_is_the_reference_grid()
    {
        var runs = new BuiltInStudy(StudyScale.Paper).Runs.Where(r => r.Task.Name == "gaussian").ToArray();
        Assert.Equal(3 * 5 * 5 * 100, runs.Length);
        Assert.Equal([1, 3, 10, 31, 100], runs.Select(r => int.Parse(r.Task.Parameters.Text("dim")!)).Distinct().Order());
        Assert.Equal([10, 32, 100, 316, 1000], runs.Select(r => r.Samples).Distinct().Order());
        Assert.Equal(Enumerable.Range(0, 100).Select(s => (ulong)s), runs.Select(r => r.Seed).Distinct().Order());
    }

    [Fact]
    public void A_file_for_a_task_this_build_lacks_is_left_out_and_named()
    {
        var study = new BuiltInStudy(StudyScale.Quick,
        [
            ("sweeps/reproduce/quick/gaussian.yaml", "task: gaussian\nparameters:\n  samples: {value: 10}\n  iterations: {value: 5}\n"),
            ("sweeps/reproduce/quick/elsewhere.yaml", "task: elsewhere   # a setting from an assembly that is not loaded\nparameters:\n  samples: {value: 10}\n"),
        ]);
        Assert.Single(study.Sweeps);
        Assert.Contains("sweeps/reproduce/quick/elsewhere.yaml: task 'elsewhere'", Assert.Single(study.Skipped));
    }
}
