using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Reports;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Discrete;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Reports;

/// <summary>Titles name only the parameters that apply to the data set shown (declared on the parameter specs).</summary>
public sealed class ShownParameterTests
{
    private static RunGroup Group(Dictionary<string, string> kde)
    {
        var spec = RunSpec.Create(TaskCatalog.BuiltIn.Create("kde", kde), new Replace(), 10, 3, 0);
        return RunGroup.From([new RunResult(spec, [new MetricRow(1, MetricNames.TestNll, 1)], null, TimeSpan.Zero)], TaskCatalog.BuiltIn).Single();
    }

    [Fact]
    public void Kde_moons_title_leaves_out_the_circles_and_blobs_parameters()
    {
        var moons = Group(new() { ["dataset"] = "moons", ["bandwidth"] = "0.5" });
        Assert.Contains(moons.TaskParameters, p => p.Key == "factor"); // still recorded: part of the run's identity
        Assert.Equal("kde (dataset=moons, noise=0.05, bandwidth=0.5)", moons.TaskTitle);
    }

    [Theory]
    [InlineData("circles", "factor", "features")]
    [InlineData("blobs", "cluster-std", "noise")]
    public void Each_data_set_shows_its_own_parameters(string dataset, string shown, string hidden)
    {
        var group = Group(new() { ["dataset"] = dataset });
        Assert.Contains(group.ShownTaskParameters, p => p.Key == shown);
        Assert.DoesNotContain(group.ShownTaskParameters, p => p.Key == hidden);
        Assert.DoesNotContain(hidden + "=", group.TaskTitle);
    }

    [Theory]
    [InlineData(false, "discrete (outcomes=10)")]
    [InlineData(true, "discrete (outcomes=10, stop-at-fixation=true)")]
    public void Discrete_title_names_stop_at_fixation_only_when_it_is_on(bool stop, string title)
    {
        var spec = RunSpec.Create(new DiscreteSetting(new() { Outcomes = 10, StopAtFixation = stop }), new Replace(), 10, 3, 0);
        var group = RunGroup.From([new RunResult(spec, [new MetricRow(1, MetricNames.TestNll, 1)], null, TimeSpan.Zero)], TaskCatalog.BuiltIn).Single();
        Assert.Contains(group.TaskParameters, p => p.Key == DiscreteSetting.StopAtFixationKey); // still part of the run's identity
        Assert.Equal(title, group.TaskTitle);
    }

    [Fact]
    public void A_condition_keeps_unconditional_and_undeclared_values()
    {
        ParameterSpec[] specs = [ParameterSpec.Choice("kind", "", "a", "a", "b"), ParameterSpec.Int("size", "", 1) with { AppliesWhen = new("kind", ["b"]) }];
        KeyValuePair<string, string>[] values = [new("kind", "a"), new("size", "3"), new("other", "x")];
        Assert.Equal(["kind", "other"], ParameterCondition.Applicable(specs, values).Select(v => v.Key));
        Assert.Equal("kind = b", specs[1].AppliesWhen!.ToString());
    }
}
