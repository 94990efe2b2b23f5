using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Loop;

public sealed class RunMemoryTests
{
    private static RunSpec Spec(string task, Dictionary<string, string> taskValues, string workflow, Dictionary<string, string> workflowValues, int n, int t) =>
        RunSpec.Create(TaskCatalog.BuiltIn.Create(task, taskValues), WorkflowCatalog.BuiltIn.Create(workflow, workflowValues), n, t, 0);

    [Fact]
    public void ThePoolHoldsTheRealDataAndEveryGenerationButTheLast()
    {
        // 10 real, then generations 1..3 of 10 + 5t synthetic and 3 fresh real each (the loop adds none after iteration T)
        var spec = Spec("gaussian", [], "accumulate", new() { ["growth"] = "linear:5", ["fresh-real"] = "3" }, 10, 4);
        Assert.Equal(10 + (15 + 3) + (20 + 3) + (25 + 3), RunMemory.PoolSamples(spec));
        Assert.Equal(10 + 15 + 22.5 + 33.75, RunMemory.PoolSamples(Spec("gaussian", [], "accumulate", new() { ["growth"] = "geometric:1.5" }, 10, 4)), 9);
        Assert.Equal(100.0 * int.MaxValue, RunMemory.PoolSamples(Spec("gaussian", [], "replace", [], 100, int.MaxValue)));
    }

    [Fact]
    public void ARunTooLargeForMemoryNamesItsSizeTheMemoryAndTheLimit()
    {
        var spec = Spec("gaussian", new() { ["dim"] = "10" }, "replace", [], 1_000_000, 100);
        var e = Assert.Throws<InvalidParameterException>(() => RunMemory.Check(spec, availableBytes: 1_000_000_000));
        Assert.Equal("samples", e.Parameter);
        Assert.Contains("its pool would hold 100,000,000 samples of 10 numbers, about 8.0 GB of memory; this machine has 1.0 GB, enough for at most 12,500,000 samples", e.Message);
        RunMemory.Check(Spec("gaussian", new() { ["dim"] = "10" }, "replace", [], 100_000, 100), availableBytes: 1_000_000_000);
    }

    [Fact]
    public void GrowthAndCurationCountAndANumberTooLargeForAnArrayIsRefusedWhateverTheMemory()
    {
        var geometric = Assert.Throws<InvalidParameterException>(() =>
            RunMemory.Check(Spec("gaussian", [], "accumulate", new() { ["growth"] = "geometric:1e308" }, 100, 50), long.MaxValue));
        Assert.Equal("growth", geometric.Parameter);
        Assert.Contains("more than 1e+308 samples of 1 number into one array, more than the 2,147,483,591 elements a .NET array holds", geometric.Message);

        var curated = Assert.Throws<InvalidParameterException>(() =>
            RunMemory.Check(Spec("gaussian", [], "replace", new() { ["curate"] = "random:1e-9" }, 1000, 3), long.MaxValue));
        Assert.Contains("curation would draw 1,000,000,000,000 samples", curated.Message);

        // counts of outcomes take no memory per sample and the pool keeps counts, but a generation's size is an int
        var counts = Assert.Throws<InvalidParameterException>(() =>
            RunMemory.Check(Spec("discrete", [], "accumulate", new() { ["growth"] = "geometric:2" }, 1 << 30, 3), long.MaxValue));
        Assert.Contains("a generation's size is a 32-bit integer", counts.Message);
        RunMemory.Check(Spec("discrete", [], "replace", [], int.MaxValue, 1), availableBytes: 1);
        // the paper grid's largest discrete cell, run to fixation under its cap: 10¹² draws over the run, 10⁵ at a time
        RunMemory.Check(Spec("discrete", new() { ["outcomes"] = "100000", ["stop-at-fixation"] = "true" }, "replace", [], 100_000, 10_000_000), availableBytes: 1);
        RunMemory.Check(Spec("discrete", [], "accumulate", [], int.MaxValue, 3), availableBytes: 1);
    }
}
