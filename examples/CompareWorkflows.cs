// Compare the three reference workflows over many seeds, each against its exact expectation (docs/semantics.md §5).
//   dotnet run examples/CompareWorkflows.cs
#:project ../src/CollapseLab/CollapseLab.csproj
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

// The 1-D Gaussian, n = 10, T = 10: semantics.md §5 tabulates E cov_trace_ratio at t = 10 for each workflow.
const int n = 10, t = 10, seeds = 2000;
var task = new GaussianSetting(new() { Dim = 1 });
var theory = new Dictionary<string, double> { ["replace"] = 0.3487, ["accumulate-subsample"] = 0.7598, ["accumulate"] = 0.8515 };
var means = new Dictionary<string, double>();
bool ok = true;
foreach (var (workflow, expected) in theory)
{
    var specs = Enumerable.Range(0, seeds).Select(s => RunSpec.Create(task, WorkflowCatalog.BuiltIn.Create(workflow), n, t, (ulong)s)).ToArray();
    double[] ratios = Runner.Run(specs)
        .Select(r => r.Metrics.Single(m => m.Iteration == t && m.Metric == MetricNames.CovTraceRatio).Value).ToArray();
    double mean = means[workflow] = ratios.Average();
    double standardError = Math.Sqrt(ratios.Sum(r => (r - mean) * (r - mean)) / (seeds - 1) / seeds);
    bool agrees = Math.Abs(mean - expected) < 4 * standardError;
    ok &= agrees;
    Console.WriteLine($"{workflow,-21} cov_trace_ratio at t = {t}: {mean:F4} ± {standardError:F4} (theory {expected:F4}){(agrees ? "" : "  <- off by more than 4 standard errors")}");
}
// Replace loses the variance fastest, accumulating all data keeps most of it (the paper's headline).
ok &= means["replace"] < means["accumulate-subsample"] && means["accumulate-subsample"] < means["accumulate"];
Console.WriteLine(ok ? "ok" : "FAILED");
return ok ? 0 : 1;
