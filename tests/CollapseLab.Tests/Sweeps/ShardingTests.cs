using CollapseLab.Tasks;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Sweeps;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Sweeps;

public class ShardingTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public void ShardsPartitionTheSweepWithBalancedCost(int count)
    {
        var runs = SweepFile.Load(Repository.File("sweeps/reproduce/paper/gaussian.yaml"), TaskCatalog.BuiltIn).Expand();
        var shards = Enumerable.Range(1, count).Select(i => Sharding.Select(runs, new Shard(i, count), RunCost.Estimate, r => r.Id)).ToArray();

        var all = shards.SelectMany(s => s.Select(r => r.Id)).ToArray();
        Assert.Equal(runs.Count, all.Length);
        Assert.Equal(runs.Select(r => r.Id).Order(), all.Order());

        double mean = runs.Sum(RunCost.Estimate) / count, largest = runs.Max(RunCost.Estimate);
        foreach (var shard in shards)
            Assert.InRange(shard.Sum(RunCost.Estimate), mean - largest, mean + largest);
        // Balanced by cost, not count: the expensive d=100, n=1000 runs are spread over every shard.
        Assert.All(shards, s => Assert.Contains(s, r => r.Task.Parameters.Text("dim") == "100" && r.Samples == 1000));
    }

    [Fact]
    public void AssignmentIsDeterministic()
    {
        var first = SweepFile.Load(Repository.File("sweeps/reproduce/paper/gaussian.yaml"), TaskCatalog.BuiltIn).Expand();
        var second = SweepFile.Load(Repository.File("sweeps/reproduce/paper/gaussian.yaml"), TaskCatalog.BuiltIn).Expand();
        Assert.Equal(Sharding.Assign(first, 7, RunCost.Estimate, r => r.Id), Sharding.Assign(second, 7, RunCost.Estimate, r => r.Id));
    }

    [Theory]
    [InlineData("3/16", 3, 16)]
    [InlineData("1/1", 1, 1)]
    public void ParsesShards(string text, int index, int count) => Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("3")]
    [InlineData("a/b")]
    [InlineData("-1/4")]
    public void RejectsBadShards(string text) =>
        Assert.Contains("expected i/N", Assert.Throws<InvalidParameterException>(() => Shard.Parse(text)).Message);

    [Theory]
    [InlineData(typeof(CollapseLab.Tasks.Gaussian.GaussianSetting))]
    [InlineData(typeof(CollapseLab.Tasks.Kde.KdeSetting))]
    [InlineData(typeof(CollapseLab.Tasks.Discrete.DiscreteSetting))]
    [InlineData(typeof(CollapseLab.Tasks.LinReg.LinRegSetting))]
    [InlineData(typeof(CollapseLab.Tasks.External.ExternalSetting))]
    public void Every_built_in_setting_supplies_its_own_cost_model(Type setting) =>
        Assert.True(typeof(CollapseLab.Loop.IRunCostModel).IsAssignableFrom(setting), $"{setting.Name} has no IRunCostModel");

    [Fact]
    public void Plan_estimates_are_the_measured_seconds_of_the_settings_cost_models()
    {
        var run = RunSpec.Create(new CollapseLab.Tasks.Gaussian.GaussianSetting(new() { Dim = 10 }), new CollapseLab.Workflows.Replace(), 100, 100, 0);
        Assert.Equal(100 * ((100 + 500) * 11.0 * 11 + 11.0 * 11 * 11) * 1e-10, RunCost.Seconds(run)!.Value, 15);
    }

    [Fact]
    public void Discrete_costs_keep_the_measured_ratios_of_the_workflows()
    {
        // CPU of single runs at K = n = 10⁵, T = 100 (docs/benchmarks.md, "Discrete cost model"): Replace 0.1 s,
        // Accumulate 0.65 s, Accumulate-Subsample 4.0 s; the subsample's per-sample work is what the old model missed.
        var setting = new CollapseLab.Tasks.Discrete.DiscreteSetting(new() { Outcomes = 100_000 });
        double Seconds(CollapseLab.Workflows.IWorkflow workflow) => RunCost.Seconds(RunSpec.Create(setting, workflow, 100_000, 100, 0))!.Value;
        double replace = Seconds(new CollapseLab.Workflows.Replace()), accumulate = Seconds(new CollapseLab.Workflows.Accumulate());
        double subsample = Seconds(new CollapseLab.Workflows.AccumulateSubsample());
        Assert.InRange(subsample / accumulate, 4, 9);
        Assert.InRange(accumulate / replace, 4, 12);
        Assert.InRange(subsample, 3.0, 5.2);
    }
}
