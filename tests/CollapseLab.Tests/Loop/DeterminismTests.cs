using System.Text;
using CollapseLab.Loop;
using CollapseLab.Output;
using CollapseLab.Running;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Loop;

/// <summary>A run's results are a pure function of its parameters and seed: thread count and run order do not matter.</summary>
public class DeterminismTests
{
    private static RunSpec[] Specs(string workflow) => Enumerable.Range(0, 12)
        .Select(s => RunSpec.Create(TaskCatalog.BuiltIn.Create("gaussian", new Dictionary<string, string> { ["dim"] = "7" }), WorkflowCatalog.BuiltIn.Create(workflow), 20, 15, (ulong)s))
        .ToArray();

    private static string Csv(IReadOnlyList<RunResult> results)
    {
        var text = new StringWriter(new StringBuilder());
        CsvExporter.Write(results, text);
        return text.ToString();
    }

    [Theory]
    [InlineData("replace")]
    [InlineData("accumulate")]
    [InlineData("accumulate-subsample")]
    public void CsvIsIdenticalWithOneThreadAndAllThreads(string workflow)
    {
        var one = Csv(Runner.Run(Specs(workflow), threads: 1));
        var all = Csv(Runner.Run(Specs(workflow), threads: Math.Max(2, Environment.ProcessorCount)));
        Assert.Equal(one, all);
    }

    [Fact]
    public void ARunDoesNotDependOnTheRunsAroundIt()
    {
        var specs = Specs("accumulate-subsample");
        var together = Runner.Run(specs, threads: 2);
        var alone = specs.Reverse().Select(s => s.Task.Run(s)).Reverse().ToArray();
        Assert.Equal(Csv(together), Csv(alone));
    }

    [Fact]
    public void RunIdIsStableAndDependsOnEveryParameter()
    {
        var a = Specs("replace")[3];
        Assert.Equal(a.Id, Specs("replace")[3].Id);
        Assert.NotEqual(a.Id, Specs("replace")[4].Id);
        Assert.NotEqual(a.Id, Specs("accumulate")[3].Id);
        Assert.NotEqual(a.Id, (a with { Samples = 21 }).Id);
        Assert.Equal("gaussian/replace/dim=7,sigma2=1,estimator=mle,samples=20,iterations=15/seed=3", a.Key);
    }
}
