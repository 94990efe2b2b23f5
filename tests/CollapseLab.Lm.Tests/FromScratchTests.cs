using CollapseLab.Lm.Model;
using CollapseLab.Lm.Tests.Support;
using CollapseLab.Loop;
using CollapseLab.Random;
using CollapseLab.Workflows;

namespace CollapseLab.Lm.Tests;

/// <summary><c>--init scratch</c>: every iteration trains a freshly initialised model from the run's own initialisation stream.</summary>
public sealed class FromScratchTests(LmFixture fixture) : IClassFixture<LmFixture>
{
    private static RunResult Run(LmSetting setting, ulong seed, int iterations = 2) =>
        ((ITaskSetting)setting).Run(RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create("replace"), 16, iterations, seed));

    [Fact]
    public void EachModelStartsFromTheNextSplitOfTheRunsSetupStream()
    {
        var setting = fixture.Setting(("init", "scratch"));
        const ulong seed = 11;
        var run = (LmRun)setting.Start(8, seed);
        var stream = Rng.For(seed, RngStream.Setup);
        foreach (int _ in new[] { 1, 2 })
        {
            var model = (LmModel)run.Unfitted(new Rng(0));
            using var expected = new Gpt(setting.Config, stream.Split());
            var actual = model.Network.state_dict();
            foreach (var (name, weights) in expected.state_dict())
                Assert.True(weights.eq(actual[name]).all().item<bool>(), $"{name} differs from the run's initialisation stream");
        }
    }

    [Fact]
    public void AFromScratchRunIsDeterministicRecordsTheCorpusLossAndPretrainsNoBase()
    {
        // Pretraining steps no other test uses, so a base of this key exists only if this setting made it.
        var setting = fixture.Setting(("init", "scratch"), ("pretrain-steps", 301), ("epochs", 60), ("lr", 0.005), ("sample-attempts", 50));
        var once = Run(setting, seed: 2);
        Assert.True(once.Succeeded, once.Error);
        Assert.Equal(once.Metrics.Select(m => m.Value), Run(setting, seed: 2).Metrics.Select(m => m.Value));
        Assert.NotEqual(once.Metrics.Select(m => m.Value), Run(setting, seed: 3).Metrics.Select(m => m.Value));
        Assert.Equal([1, 2], once.Metrics.Where(m => m.Metric == MetricNames.CorpusEvalLoss).Select(m => m.Iteration));
        Assert.False(setting.BaseCheckpoint().Cached, "a from-scratch run pretrained the base");
    }

    [Fact]
    public void TheDefaultFineTunesTheBaseAndKeepsItsParametersAndMetrics()
    {
        var setting = fixture.Setting();
        Assert.False(setting.FromScratch);
        Assert.DoesNotContain(setting.Parameters.Canonical, p => p.Key == "init"); // runs from before the choice keep their ids
        Assert.DoesNotContain(Run(setting, seed: 2, iterations: 1).Metrics, m => m.Metric == MetricNames.CorpusEvalLoss);
    }

    [Fact]
    public void TheCorpusWindowsAreEvenlySpacedAndContextLong()
    {
        var setting = fixture.Setting(("init", "scratch"));
        var windows = setting.CorpusEvalTokens;
        Assert.Equal(LmSetting.CorpusEvalWindows, windows.Count);
        Assert.All(windows, w => Assert.Equal(setting.Config.Context, w.Length));
    }
}
