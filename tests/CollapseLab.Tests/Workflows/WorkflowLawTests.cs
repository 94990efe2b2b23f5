using CollapseLab.Tasks;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Running;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Workflows;

/// <summary>Laws the composed workflows must obey, checked on whole runs.</summary>
public class WorkflowLawTests
{
    private static IWorkflow Workflow(string name, params (string Key, string Value)[] parameters) =>
        WorkflowCatalog.BuiltIn.Create(name, parameters.ToDictionary(p => p.Key, p => p.Value));

    private static double[] Values(RunResult result) => result.Metrics.Select(m => m.Value).ToArray();

    [Fact]
    public void WindowOfAtLeastTIsAccumulateBitForBit()
    {
        var task = new GaussianSetting(new() { Dim = 4 });
        foreach (ulong seed in new ulong[] { 0, 1, 2 })
        {
            var window = task.Run(RunSpec.Create(task, Workflow("window", ("window", "10")), 15, 10, seed));
            var accumulate = task.Run(RunSpec.Create(task, Workflow("accumulate"), 15, 10, seed));
            Assert.Equal(Values(accumulate), Values(window));
        }
    }

    [Fact]
    public void MixWithFractionZeroTrainsOnTheRealDataOnly()
    {
        var task = new GaussianSetting(new() { Dim = 3 });
        var result = task.Run(RunSpec.Create(task, Workflow("mix", ("synthetic-fraction", "0")), 12, 6, 4));
        var first = result.Metrics.Where(m => m.Iteration == 1).Select(m => m.Value).ToArray();
        for (int t = 2; t <= 6; t++)
            Assert.Equal(first, result.Metrics.Where(m => m.Iteration == t).Select(m => m.Value));
    }

    [Fact]
    public void KeepRealSubsampleAlwaysTrainsOnEveryRealSample()
    {
        var pool = new[] { new PoolEntry(Origin.Real, 0, 10), new PoolEntry(Origin.Synthetic, 1, 10), new PoolEntry(Origin.Real, 1, 3), new PoolEntry(Origin.Synthetic, 2, 10) };
        var selection = Workflow("keep-real-subsample", ("train-size", "20")).Select(pool, 3, 10, new CollapseLab.Random.Rng(1));
        Assert.Contains(new SelectionPart(0, null), selection.Parts);
        Assert.Contains(new SelectionPart(2, null), selection.Parts);
        Assert.Equal(7, selection.Parts.Where(p => pool[p.Entry].Origin == Origin.Synthetic).Sum(p => p.Rows!.Length));
    }

    [Fact]
    public void GrowthSchedulesSetGenerationSizes()
    {
        Assert.Equal([10, 15, 23, 34], Enumerable.Range(0, 4).Select(t => SizeSchedule.Parse("geometric:1.5")!.Size(10, t)));
        Assert.Equal([10, 14, 18], Enumerable.Range(0, 3).Select(t => SizeSchedule.Parse("linear:4")!.Size(10, t)));
        Assert.Equal([10, 10], Enumerable.Range(0, 2).Select(t => SizeSchedule.Constant.Size(10, t)));
    }

    [Fact]
    public void CurationRecordsHowManySamplesWereDrawnAndKept()
    {
        var task = new GaussianSetting(new() { Dim = 2 });
        var result = task.Run(RunSpec.Create(task, Workflow("replace", ("curate", "model-top:0.5")), 10, 3, 1));
        Assert.Equal([20.0, 20.0], result.Metrics.Where(m => m.Metric == MetricNames.SamplesGenerated).Select(m => m.Value));
        Assert.Equal([10.0, 10.0], result.Metrics.Where(m => m.Metric == MetricNames.SamplesKept).Select(m => m.Value));
    }

    [Fact]
    public void TruthTopCurationReducesTheMeanErrorRelativeToRandomCuration()
    {
        var task = new GaussianSetting(new() { Dim = 2 });
        double MeanError(string rule) => MonteCarlo.Values(
            MonteCarlo.Run(task, Workflow("replace", ("curate", rule)), 20, 10, seeds: 2_000), MetricNames.MeanSqError, 10).Average();
        double truthTop = MeanError("truth-top:0.9"), random = MeanError("random:0.9");
        Assert.True(truthTop < 0.8 * random, $"truth-top {truthTop:G4} vs random {random:G4}");
    }

    public static TheoryData<string, (string, string)[], string> BadWorkflowInputs => new()
    {
        { "mix", [("synthetic-fraction", "1.5")], "synthetic-fraction" },
        { "mix", [("synthetic-fraction", "-0.1")], "synthetic-fraction" },
        { "window", [("window", "0")], "window" },
        { "fresh", [], "fresh-real" },
        { "keep-real-subsample", [], "train-size" },
        { "replace", [("curate", "best:0.5")], "curate" },
        { "replace", [("curate", "truth-top:0")], "curate" },
        { "replace", [("curate", "truth-top:1.2")], "curate" },
        { "replace", [("growth", "geometric:0.5")], "growth" },
        { "replace", [("growth", "cubic:2")], "growth" },
        { "replace", [("fresh-real", "-1")], "fresh-real" },
        { "replace", [("window", "3")], "window" },
    };

    [Theory]
    [MemberData(nameof(BadWorkflowInputs))]
    public void BadWorkflowParametersNameTheParameter(string workflow, (string, string)[] parameters, string named)
    {
        var e = Assert.Throws<InvalidParameterException>(() => Workflow(workflow, parameters));
        Assert.Equal(named, e.Parameter);
    }

    [Fact]
    public void TemperatureMustBePositive()
    {
        var e = Assert.Throws<InvalidParameterException>(() => CollapseLab.Tasks.TaskCatalog.BuiltIn.Create("gaussian", new Dictionary<string, string> { ["temperature"] = "0" }));
        Assert.Equal("temperature", e.Parameter);
    }
}
