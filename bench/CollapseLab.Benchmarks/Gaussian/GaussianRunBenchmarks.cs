using BenchmarkDotNet.Attributes;
using CollapseLab.Loop;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Benchmarks.Gaussian;

/// <summary>One whole run (20 iterations) at the reference grid's largest cell, per workflow.</summary>
public class GaussianRunBenchmarks
{
    [Params("replace", "accumulate", "accumulate-subsample")]
    public string Workflow { get; set; } = "replace";

    [Params(10, 100)]
    public int Dim { get; set; }

    private RunSpec _spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        var task = new GaussianSetting(new() { Dim = Dim });
        _spec = RunSpec.Create(task, WorkflowCatalog.BuiltIn.Create(Workflow), 1000, 20, 1);
    }

    [Benchmark(Description = "run: n=1000, 20 iterations")]
    public RunResult Run() => _spec.Task.Run(_spec);
}
