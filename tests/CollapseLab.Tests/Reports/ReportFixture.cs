using CollapseLab.Tasks;
using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Running;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Reports;

/// <summary>
/// A small simulated study, built once per test class that uses it: the d = 1 Gaussian under the three reference
/// workflows, n ∈ {10, 20}, T = 8, 8 seeds, plus one failed run, and its report.
/// </summary>
public sealed class ReportFixture
{
    public const int Iterations = 8, Seeds = 8;
    public static readonly int[] SampleSizes = [10, 20];

    public IReadOnlyList<RunResult> Results { get; }
    public Report Report { get; }

    public ReportFixture()
    {
        var task = new GaussianSetting(new() { Dim = 1 });
        var specs = (from workflow in new IWorkflow[] { new Replace(), new AccumulateSubsample(), new Accumulate() }
                     from n in SampleSizes
                     from seed in Enumerable.Range(0, Seeds)
                     select RunSpec.Create(task, workflow, n, Iterations, (ulong)seed)).ToArray();
        var results = Runner.Run(specs).ToList();
        // a run that failed half way, as a store would hand it over: its metrics up to the failure and its error
        var failed = results[0];
        results.Add(failed with
        {
            Spec = failed.Spec with { Seed = 99 },
            Metrics = failed.Metrics.Where(m => m.Iteration <= 3).ToArray(),
            Error = "InvalidOperationException: simulated failure",
        });
        Results = results;
        Report = Report.Build(results, TaskCatalog.BuiltIn);
    }
}
