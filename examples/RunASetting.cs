// Run a task setting and read its metrics; check one exact expectation of docs/semantics.md §5.
//   dotnet run examples/RunASetting.cs
#:project ../src/CollapseLab/CollapseLab.csproj
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

// One run: a 10-dimensional Gaussian under Accumulate, n = 100 samples per generation, T = 100 generations.
var task = new GaussianSetting(new() { Dim = 10 });
var spec = RunSpec.Create(task, new Accumulate(), samples: 100, iterations: 100, seed: 0);
RunResult result = task.Run(spec);     // result.Metrics: (iteration, metric, value)
Check(result.Succeeded, $"the run failed: {result.Error}");
foreach (var row in result.Metrics.Where(m => m.Iteration is 1 or 100 && m.Metric == MetricNames.TestNll))
    Console.WriteLine($"accumulate, d = 10: test_nll at t = {row.Iteration}: {row.Value:F4}");

// Theory (semantics.md §5): under Replace, E cov_trace_ratio_t = ((n − 1)/n)^t; for d = 1, n = 10, t = 10 that is 0.3487.
const int n = 10, t = 10, seeds = 4000;
var line = new GaussianSetting(new() { Dim = 1 });
var runs = Runner.Run(Enumerable.Range(0, seeds).Select(s => RunSpec.Create(line, new Replace(), n, t, (ulong)s)).ToArray());
double[] ratios = runs.Select(r => r.Metrics.Single(m => m.Iteration == t && m.Metric == MetricNames.CovTraceRatio).Value).ToArray();
double mean = ratios.Average();
double standardError = Math.Sqrt(ratios.Sum(r => (r - mean) * (r - mean)) / (seeds - 1) / seeds);
double expected = Math.Pow((n - 1.0) / n, t);
Console.WriteLine($"replace, d = 1, n = {n}: mean cov_trace_ratio at t = {t} over {seeds} seeds = {mean:F4} ± {standardError:F4}; theory {expected:F4}");
Check(Math.Abs(mean - expected) < 4 * standardError, "the Monte-Carlo mean is more than 4 standard errors from the theory");
Console.WriteLine("ok");

static void Check(bool condition, string message)
{
    if (condition) return;
    Console.Error.WriteLine($"FAILED: {message}");
    Environment.Exit(1);
}
