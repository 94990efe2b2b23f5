using CollapseLab.Tasks;
using CollapseLab.Reports;
using CollapseLab.Studies;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Reports;

public class VerdictRankingTests
{
    [Fact]
    public void TheWorkflowAtlasCoversEveryWorkflowAndModifierOfTheGaussianSetting()
    {
        var runs = new BuiltInStudy(StudyScale.Workflows, TaskCatalog.BuiltIn).Runs.Where(r => r.Task.Name == "gaussian").ToArray();
        Assert.Equal(WorkflowCatalog.BuiltIn.All.Select(w => w.Name).Order(), runs.Select(r => r.Workflow.Name).Distinct().Order());
        Assert.Contains(new BuiltInStudy(StudyScale.Workflows, TaskCatalog.BuiltIn).Runs, r => r.Task.Name == "kde");
        foreach (var modifier in Workflow.Modifiers.Select(m => m.Name))
            Assert.Contains(runs, r => r.Workflow.Parameters.Canonical.Any(p => p.Key == modifier));
        Assert.Contains(runs, r => r.Task.Parameters.Canonical.Any(p => p.Key == "temperature"));
    }

    [Fact]
    public void AtlasVerdictsRankWorkflowsByFinalLossAndSlope()
    {
        var study = new BuiltInStudy(StudyScale.Workflows, TaskCatalog.BuiltIn);
        var specs = study.Runs.Where(r => r.Task.Name == "gaussian" && r.Samples == 100 && r.Seed < 8)
            .Select(r => r with { Iterations = 12 }).ToArray();
        var report = Report.Build(CollapseLab.Running.Runner.Run(specs), TaskCatalog.BuiltIn);
        var ranks = VerdictRanking.Ranks(report.Verdicts);
        var byWorkflow = report.Verdicts.Where(v => v.Group.WorkflowParameters.Count == 0 && v.Group.TaskParameters.All(p => p.Key != "temperature"))
            .ToDictionary(v => v.Group.Workflow, v => ranks[v]);
        int Rank(string workflow) => int.Parse(byWorkflow[workflow].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Rank("accumulate") < Rank("replace"), $"accumulate {byWorkflow["accumulate"]}, replace {byWorkflow["replace"]}");
        Assert.All(ranks.Values, r => Assert.Matches(@"^(—|\d+/\d+ · (\d+|—)/\d+)$", r));
    }
}
