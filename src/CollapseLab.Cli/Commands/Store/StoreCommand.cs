using System.CommandLine;
using CollapseLab.Cli.Console;
using CollapseLab.Store;

namespace CollapseLab.Cli.Commands.Store;

/// <summary><c>collapse store info|show|merge|export</c>: inspect, combine and export DuckDB results stores.</summary>
public static class StoreCommand
{
    internal static Command Create()
    {
        var store = new Command("store", "Inspect, merge and export results stores (DuckDB files written by `collapse sweep run`).");
        store.Subcommands.Add(Info());
        store.Subcommands.Add(Show());
        store.Subcommands.Add(Merge());
        store.Subcommands.Add(Export());
        return store;
    }

    private static Command Info()
    {
        var command = new Command("info", "Summarize a store: runs per task, workflow and status, and metric rows.");
        var file = new Argument<string>("store") { Description = "results store" }.NamesPath();
        command.Arguments.Add(file);
        command.SetAction(parsed =>
        {
            using var store = ResultStore.OpenReadOnly(parsed.GetValue(file)!);
            var output = System.Console.Out;
            var groups = store.CountRuns();
            output.WriteLine($"{store.Path}: schema version {ResultStore.SchemaVersion}, {groups.Sum(g => g.Completed):N0} completed runs, "
                + $"{groups.Sum(g => g.Failed):N0} failed, {store.MetricRowCount():N0} metric rows, {groups.Count:N0} configurations");
            foreach (var byWorkflow in groups.GroupBy(g => (g.Task, g.Workflow)))
                output.WriteLine($"  {byWorkflow.Key.Task}/{byWorkflow.Key.Workflow}: {byWorkflow.Count()} configurations, "
                    + $"{byWorkflow.Sum(g => g.Completed):N0} completed, {byWorkflow.Sum(g => g.Failed):N0} failed");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Print one run: its parameters, status, error and the exact `collapse run …` command that reproduces it.");
        var file = new Argument<string>("store") { Description = "results store" };
        var id = new Argument<string>("run") { Description = "run id (as in `store export` and the report), or a unique prefix of it" };
        command.Arguments.Add(file);
        command.Arguments.Add(id);
        command.SetAction(parsed =>
        {
            using var store = ResultStore.OpenReadOnly(parsed.GetValue(file)!);
            string wanted = parsed.GetValue(id)!.Trim().ToLowerInvariant();
            var matches = store.ReadRuns().Where(r => r.RunId.StartsWith(wanted, StringComparison.Ordinal)).Take(2).ToArray();
            if (wanted.Length == 0 || matches.Length != 1)
                throw new UsageException(matches.Length == 0
                    ? $"no run '{wanted}' in {store.Path}: give a run id (16 hex digits, see `collapse store export`) or a unique prefix"
                    : $"run prefix '{wanted}' matches several runs in {store.Path}; give more digits");
            var run = matches[0];
            var output = System.Console.Out;
            output.WriteLine($"run {run.RunId}");
            output.WriteLine($"  task        {run.Task}");
            output.WriteLine($"  workflow    {run.Workflow}");
            output.WriteLine($"  parameters  {string.Join(", ", run.Parameters.Select(p => $"{p.Key}={p.Value}"))}");
            output.WriteLine($"  seed        {run.Seed}");
            output.WriteLine($"  status      {run.Status.ToString().ToLowerInvariant()}");
            output.WriteLine($"  error       {run.Error ?? "none"}");
            output.WriteLine(FormattableString.Invariant($"  ran         {run.StartedAt:yyyy-MM-dd HH:mm:ss} to {run.FinishedAt:HH:mm:ss} UTC, {run.Elapsed.TotalSeconds:0.###} s, on {run.Host}, CollapseLab {run.ToolVersion}, {run.Threads} parallel run(s)"));
            output.WriteLine("command (writes the same metrics, bit for bit, as CSV to standard output or --out FILE):");
            output.WriteLine("  " + RerunCommand.For(run, CollapseCli.Catalog.Workflows));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Merge()
    {
        var command = new Command("merge", "Union stores by run id into one (created when missing). Runs present in several are kept once; completed copies replace failed ones; differing results are reported as conflicts (exit code 1).");
        var sources = new Argument<string[]>("sources") { Description = "stores to merge", Arity = ArgumentArity.OneOrMore }.NamesPaths();
        var into = new Option<string>("--into") { Description = "target store", Required = true, HelpName = "file" }.NamesPath();
        command.Arguments.Add(sources);
        command.Options.Add(into);
        command.SetAction(parsed =>
        {
            var paths = parsed.GetValue(sources)!;
            var report = ResultStore.Merge(paths, parsed.GetValue(into)!);
            var error = System.Console.Error;
            error.WriteLine($"merged {paths.Length} stores into {parsed.GetValue(into)}: {report.Added:N0} runs added, {report.Replaced:N0} failed runs replaced by completed copies, "
                + $"{report.Identical:N0} already present, {report.Conflicts.Count:N0} conflicts");
            foreach (var conflict in report.Conflicts)
                error.WriteLine($"conflict: run {conflict.RunId} from {conflict.Source}: {conflict.Detail}");
            return report.Conflicts.Count == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
        });
        return command;
    }

    private static Command Export()
    {
        var command = new Command("export", "Export every metric row in long format with run columns (one per parameter), via DuckDB COPY: Parquet for pandas/polars/R, or CSV.");
        var file = new Argument<string>("store") { Description = "results store" }.NamesPath();
        var parquet = new Option<string>("--parquet") { Description = "Parquet file to write", HelpName = "file" }.NamesPath();
        var csv = new Option<string>("--csv") { Description = "CSV file to write", HelpName = "file" }.NamesPath();
        command.Arguments.Add(file);
        command.Options.Add(parquet);
        command.Options.Add(csv);
        command.SetAction(parsed =>
        {
            string? parquetPath = parsed.GetValue(parquet), csvPath = parsed.GetValue(csv);
            if ((parquetPath is null) == (csvPath is null)) throw new UsageException("give exactly one of --parquet FILE or --csv FILE");
            using var store = ResultStore.OpenReadOnly(parsed.GetValue(file)!);
            string target = parquetPath ?? csvPath!;
            store.Export(target, parquetPath is not null ? ExportFormat.Parquet : ExportFormat.Csv);
            System.Console.Error.WriteLine($"wrote {target} ({store.MetricRowCount():N0} metric rows)");
            return ExitCodes.Success;
        });
        return command;
    }
}
