using CollapseLab.Tasks;
using CollapseLab.Parameters;
using CollapseLab.Sweeps;

namespace CollapseLab.Tests.Parameters;

/// <summary>A family of parameters (the external setting's <c>--param NAME=VALUE</c>): each member a parameter of its own.</summary>
public sealed class ParameterFamilyTests
{
    private static readonly IReadOnlyList<ParameterSpec> Specs =
    [
        ParameterSpec.Text("fit", "a command", null, "text"),
        ParameterSpec.Family("param", "user parameters", "NAME=VALUE"),
        ParameterSpec.Int("steps", "steps", 3, min: 1),
    ];

    [Fact]
    public void MembersAreCanonicalParametersInPlaceOfTheFamily_ByName()
    {
        var values = ParameterValues.Parse(Specs, new Dictionary<string, string> { ["param.lr"] = "0.1", ["fit"] = "x", ["param.epochs"] = "2" }, "task t");
        Assert.Equal([("fit", "x"), ("param.epochs", "2"), ("param.lr", "0.1"), ("steps", "3")], values.Canonical.Select(p => (p.Key, p.Value)));
        Assert.Equal([("epochs", "2"), ("lr", "0.1")], values.Members("param").Select(p => (p.Key, p.Value)));
        Assert.Equal("0.1", values.Text("param.lr"));
    }

    [Theory]
    [InlineData("param")]
    [InlineData("param.")]
    [InlineData("param.1x")]
    [InlineData("param.a b")]
    [InlineData("params.lr")]
    public void OnlyWellFormedMemberNamesBelongToTheFamily(string name)
    {
        var e = Assert.Throws<InvalidParameterException>(() => ParameterValues.Parse(Specs, new Dictionary<string, string> { [name] = "1" }, "task t"));
        Assert.Contains("accepted: fit, param.NAME, steps", e.Message);
    }

    [Fact]
    public void AnExternalSweepAxisOverAMemberExpandsToOneRunPerValue()
    {
        using var directory = new Support.TempDirectory();
        var spec = SweepFile.Parse("""
            task: external
            parameters:
              real: {value: r.jsonl}
              test: {value: t.jsonl}
              fit: {value: 'fit {train} {lr}'}
              sample: {value: 'sample {out} {n}'}
              score: {value: 'score {model} {lr}'}
              param.lr: {values: [0.1, 0.01]}
              seeds: {value: "0-1"}
            """, "external.yaml", TaskCatalog.BuiltIn);
        var runs = spec.Expand();
        Assert.Equal(4, runs.Count);
        Assert.Equal(["0.1", "0.1", "0.01", "0.01"], runs.Select(r => r.Task.Parameters.Text("param.lr")));
        Assert.Contains("param.lr=0.01", runs[2].Key);
        var unknown = Assert.Throws<SweepException>(() => SweepFile.Parse("task: external\nparameters:\n  parm.lr: {value: 1}\n", "x.yaml", TaskCatalog.BuiltIn).Expand());
        Assert.Contains("param.NAME", unknown.Message);
    }
}
