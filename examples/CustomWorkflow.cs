// A workflow defined here, outside the library, run through the same generation loop as the built-in ones.
//   dotnet run examples/CustomWorkflow.cs
#:project ../src/CollapseLab/CollapseLab.csproj
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Running;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

const int n = 10, t = 10, seeds = 2000;
var task = new GaussianSetting(new() { Dim = 1 });
double MeanTraceRatio(IWorkflow workflow) => Runner.Run(Enumerable.Range(0, seeds).Select(s => RunSpec.Create(task, workflow, n, t, (ulong)s)).ToArray())
    .Select(r => r.Metrics.Single(m => m.Iteration == t && m.Metric == MetricNames.CovTraceRatio).Value).Average();

double replace = MeanTraceRatio(new Replace()), anchored = MeanTraceRatio(new RealPlusNewest()), accumulate = MeanTraceRatio(new Accumulate());
Console.WriteLine($"mean cov_trace_ratio at t = {t} over {seeds} seeds: replace {replace:F4}, real-plus-newest {anchored:F4}, accumulate {accumulate:F4}");
// Keeping the real data in every training set anchors the fit: it loses less variance than Replace.
bool ok = replace < anchored && anchored > 0.8;
Console.WriteLine(ok ? "ok" : "FAILED");
return ok ? 0 : 1;

/// <summary>Train on the real data and the newest synthetic generation only.</summary>
sealed class RealPlusNewest() : Workflow("real-plus-newest", ParameterValues.Parse(Modifiers, new Dictionary<string, string>(), "workflow real-plus-newest"))
{
    public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng) =>
        Selection.Whole(Newest(pool).Prepend(0).Distinct());
}
