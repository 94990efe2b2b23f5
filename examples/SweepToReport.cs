// A sweep into a results store, resumed, then a report with collapse verdicts, all from C#.
//   dotnet run examples/SweepToReport.cs
#:project ../src/CollapseLab.Studies/CollapseLab.Studies.csproj
using CollapseLab.Tasks;
using CollapseLab.Reports;
using CollapseLab.Store;
using CollapseLab.Sweeps;

// The same format as `collapse sweep run FILE`: a grid over workflows, 30 seeds each. The catalogue says which
// task settings and workflows the file's names refer to (here the library's own).
const string sweep = """
    task: gaussian
    method: grid
    parameters:
      workflow: {values: [replace, accumulate]}
      dim: {value: 1}
      samples: {value: 10}
      iterations: {value: 40}
      seeds: {value: "0-29"}
    """;
var runs = SweepFile.Parse(sweep, "example.yaml", TaskCatalog.BuiltIn).Expand();
string folder = Directory.CreateTempSubdirectory("collapselab-example-").FullName;
try
{
    using var store = ResultStore.Open(Path.Combine(folder, "results.duckdb"));
    var first = SweepRunner.Run(runs, store);
    var again = SweepRunner.Run(runs, store); // a rerun resumes: every run is in the store already
    Console.WriteLine($"{runs.Count} runs: {first.Completed} completed, {first.Failed} failed; rerun skipped {again.Skipped}");

    var report = Report.Build(store.ReadResults(TaskCatalog.BuiltIn), TaskCatalog.BuiltIn);
    string index = ReportWriter.Write(report, Path.Combine(folder, "report"));
    foreach (var verdict in report.Verdicts)
        Console.WriteLine($"{verdict.Group.Workflow,-11} {verdict.Metric} {verdict.First:F3} -> {verdict.Last:F3}: {verdict.VerdictText}");
    Console.WriteLine($"report: {Path.GetFileName(index)}, {report.Figures.Count} figures");

    var byWorkflow = report.Verdicts.ToDictionary(v => v.Group.Workflow, v => v.Verdict);
    bool ok = first.Completed == 60 && first.Failed == 0 && again.Skipped == 60 && File.Exists(index)
        && byWorkflow["replace"] == Verdict.Diverging && byWorkflow["accumulate"] != Verdict.Diverging;
    Console.WriteLine(ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
finally
{
    Directory.Delete(folder, recursive: true);
}
