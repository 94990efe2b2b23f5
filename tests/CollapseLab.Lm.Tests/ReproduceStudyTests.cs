using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Studies;
using CollapseLab.Tasks;

namespace CollapseLab.Lm.Tests;

/// <summary>The language model's sweep files of <c>collapse reproduce</c> (the core tests cannot build its settings).</summary>
public sealed class ReproduceStudyTests
{
    [Theory]
    [InlineData(StudyScale.Quick)]
    [InlineData(StudyScale.Paper)]
    public void The_study_runs_the_language_model_under_all_three_workflows_with_enough_seeds_for_a_verdict(StudyScale scale)
    {
        var runs = LmRuns(scale);
        Assert.Equal(["accumulate", "accumulate-subsample", "replace"], runs.Select(r => r.Workflow.Name).Distinct().Order());
        foreach (var workflow in runs.GroupBy(r => r.Workflow.Name))
            Assert.True(workflow.Select(r => r.Seed).Distinct().Count() >= MedianInterval.MinimumCount, $"{workflow.Key}: too few seeds for a verdict");
        Assert.All(runs, r => Assert.True(r.Iterations >= 5, "the issue asks for at least 5 iterations"));
        Assert.Single(runs.Select(r => r.Task).Distinct()); // one setting, so one base model to pretrain
    }

    [Fact]
    public void The_quick_study_uses_the_tiny_preset_and_a_few_runs()
    {
        var runs = LmRuns(StudyScale.Quick);
        Assert.All(runs, r => Assert.Equal("tiny", r.Task.Parameters.Text("preset")));
        Assert.InRange(runs.Count, 3, 18); // each takes seconds to a minute: the quick study's 10 minutes hold about this many
        Assert.All(runs, r => Assert.Equal(1, ((LmSetting)r.Task).TorchThreads)); // one libtorch thread per run, one run per core
    }

    [Fact]
    public void The_paper_study_is_the_reference_studys_analogue_at_the_small_preset()
    {
        var runs = LmRuns(StudyScale.Paper);
        Assert.All(runs, r => Assert.Equal("small", r.Task.Parameters.Text("preset")));
        Assert.All(runs, r => Assert.Equal(1, ((LmSetting)r.Task).FineTuning.Epochs)); // one epoch per iteration, as there
        Assert.All(runs, r => Assert.Equal(500, r.Samples)); // what 90 minutes of 2 cores hold (docs/lm.md)
        Assert.All(runs, r => Assert.True(r.Iterations >= 10));
        Assert.True(runs.Select(r => r.Seed).Distinct().Count() >= 3);
    }

    /// <summary>The study's language-model runs (building a setting reads nothing, so the corpora need not be there).</summary>
    private static IReadOnlyList<RunSpec> LmRuns(StudyScale scale)
    {
        var study = new BuiltInStudy(scale, TaskCatalog.BuiltIn.With(LmSetting.Info));
        Assert.Empty(study.Skipped);
        return study.Runs.Where(r => r.Task.Name == "lm").ToArray();
    }
}
