using CollapseLab.Lm.Tests.Support;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Lm.Tests;

public class LmSettingTests(LmFixture fixture) : IClassFixture<LmFixture>
{
    [Theory]
    [InlineData("replace")]
    [InlineData("accumulate")]
    [InlineData("accumulate-subsample")]
    public void EveryWorkflowRunsTwoIterations(string workflow)
    {
        var setting = fixture.Setting();
        var spec = RunSpec.Create(setting, WorkflowCatalog.Create(workflow), samples: 24, iterations: 2, seed: 3);
        var result = ((ITaskSetting)setting).Run(spec);
        Assert.True(result.Succeeded, result.Error);
        string[] expected = [MetricNames.EvalLoss, MetricNames.MalformedFraction, MetricNames.MeanLength, MetricNames.Distinct2, MetricNames.PromptEntropy];
        foreach (int t in new[] { 1, 2 })
            Assert.Equal(expected, result.Metrics.Where(m => m.Iteration == t).Select(m => m.Metric));
        Assert.All(result.Metrics, m => Assert.True(double.IsFinite(m.Value), $"{m.Metric} at {m.Iteration} is {m.Value}"));
    }
}
