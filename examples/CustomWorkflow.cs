// A workflow defined here, outside the library, made nameable through a catalogue: a sweep file names it, the
// runs go through the same generation loop as the built-in ones, and a results store reads them back by name.
//   dotnet run examples/CustomWorkflow.cs
#:project ../src/CollapseLab.Studies/CollapseLab.Studies.csproj
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Store;
using CollapseLab.Sweeps;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

// The library's settings, and its workflows plus this file's: whatever reads workflow names is handed this catalogue.
var catalog = TaskCatalog.BuiltIn.With(WorkflowCatalog.BuiltIn.With(RealPlusNewest.Info));
const int t = 10, seeds = 2000;
var runs = SweepFile.Parse($$"""
    task: gaussian
    parameters:
      workflow: {values: [replace, real-plus-newest, accumulate]}
      dim: {value: 1}
      samples: {value: 10}
      iterations: {value: {{t}}}
      seeds: {value: "0-{{seeds - 1}}"}
    """, "example.yaml", catalog).Expand();

string folder = Directory.CreateTempSubdirectory("collapselab-example-").FullName;
try
{
    using var store = ResultStore.Open(Path.Combine(folder, "results.duckdb"));
    var outcome = SweepRunner.Run(runs, store);
    var results = store.ReadResults(catalog); // the store rebuilds each run's workflow by name from the catalogue
    double MeanTraceRatio(string workflow) => results.Where(r => r.Spec.Workflow.Name == workflow)
        .Select(r => r.Metrics.Single(m => m.Iteration == t && m.Metric == MetricNames.CovTraceRatio).Value).Average();

    double replace = MeanTraceRatio("replace"), anchored = MeanTraceRatio("real-plus-newest"), accumulate = MeanTraceRatio("accumulate");
    Console.WriteLine($"mean cov_trace_ratio at t = {t} over {seeds} seeds: replace {replace:F4}, real-plus-newest {anchored:F4}, accumulate {accumulate:F4}");
    // Keeping the real data in every training set anchors the fit: it loses less variance than Replace.
    bool ok = outcome.Failed == 0 && results.Count == runs.Count && results.Any(r => r.Spec.Workflow is RealPlusNewest)
        && replace < anchored && anchored > 0.8;
    Console.WriteLine(ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

/// <summary>Train on the real data and the newest synthetic generation only.</summary>
sealed class RealPlusNewest(ParameterValues parameters) : Workflow("real-plus-newest", parameters)
{
    /// <summary>The catalogue entry: the name sweep files and stores use, a description, no parameters of its own (the shared modifiers apply).</summary>
    public static WorkflowInfo Info { get; } = new("real-plus-newest", "train on the real data and the newest synthetic generation", [], p => new RealPlusNewest(p));

    public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng) =>
        Selection.Whole(Newest(pool).Prepend(0).Distinct());
}
