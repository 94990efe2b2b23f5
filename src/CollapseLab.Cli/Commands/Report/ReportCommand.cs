using System.CommandLine;
using CollapseLab.Cli.Console;
using CollapseLab.Output;
using CollapseLab.Parameters;
using CollapseLab.Reports;
using CollapseLab.Reports.Figures;
using CollapseLab.Store;

namespace CollapseLab.Cli.Commands.Report;

/// <summary><c>collapse report STORE --out DIR</c>: figures, collapse verdicts and a self-contained HTML page from a results store.</summary>
public static class ReportCommand
{
    internal static Command Create()
    {
        var command = new Command("report", "Write a report of a results store: index.html (self-contained), every figure as PNG and SVG, aggregates.csv and verdicts.csv; print the collapse verdicts.");
        var store = new Argument<string>("store") { Description = "results store (DuckDB file)" }.NamesPath();
        var output = new Option<string>("--out") { Description = "report directory (created if needed)", DefaultValueFactory = _ => "report", HelpName = "dir" }.NamesPath();
        var task = new Option<string>("--task") { Description = "only this task setting [default: every task in the store]", HelpName = "name" };
        var watch = new Option<int?>("--watch")
        {
            Description = "live view of a running sweep: rewrite the report every SECONDS from the snapshot the sweep publishes (STORE.live), " +
                "the page reloading itself, until the sweep ends; then write the final report",
            HelpName = "seconds",
        };
        command.Arguments.Add(store);
        command.Options.Add(output);
        command.Options.Add(task);
        command.Options.Add(watch);
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(watch) is { } seconds)
            {
                if (seconds < 1) throw new InvalidParameterException("watch", $"invalid --watch {seconds}: expected a number of seconds ≥ 1");
                return Watch(parsed.GetValue(store)!, parsed.GetValue(task), parsed.GetValue(output)!, seconds);
            }
            using var results = ResultStore.OpenReadOnly(parsed.GetValue(store)!);
            var runs = results.ReadResults(CollapseCli.Catalog, parsed.GetValue(task));
            if (runs.Count == 0)
                throw new UsageException($"{results.Path} holds no runs{(parsed.GetValue(task) is { } t ? $" of task {t}" : "")}: nothing to report");
            return Write(Build(() => Reports.Report.Build(runs, CollapseCli.Catalog)), parsed.GetValue(output)!, results.Path);
        });
        return command;
    }

    /// <summary>
    /// The live view: while a writer holds the store, report from its live snapshot every <paramref name="seconds"/>
    /// (reading a copy, so the writer is never blocked); once the store can be opened (the sweep ended), the final report.
    /// </summary>
    private static int Watch(string storePath, string? task, string directory, int seconds)
    {
        string live = ResultStore.LivePath(storePath);
        using (var ctrlC = new CtrlC())
        {
            while (true)
            {
                ResultStore? store = null;
                try
                {
                    store = ResultStore.OpenReadOnly(storePath);
                }
                catch (StoreException e) when (e.InUse || !File.Exists(storePath))
                {
                    // the sweep holds the store, or is about to create it: read its snapshot below, or wait for the first one
                }
                if (store is not null)
                {
                    using (store)
                    {
                        var runs = store.ReadResults(CollapseCli.Catalog, task);
                        if (runs.Count == 0) throw new UsageException($"{store.Path} holds no runs{(task is not null ? $" of task {task}" : "")}: nothing to report");
                        return Write(Build(() => Reports.Report.Build(runs, CollapseCli.Catalog)), directory, store.Path);
                    }
                }
                ReportSnapshot(storePath, live, task, directory, seconds);
                if (ctrlC.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(seconds))) return ExitCodes.Success;
            }
        }
    }

    /// <summary>One refresh of the live view from the snapshot at <paramref name="live"/> (skipped while it is being replaced or removed).</summary>
    private static void ReportSnapshot(string storePath, string live, string? task, string directory, int seconds)
    {
        if (!File.Exists(live))
        {
            System.Console.Error.WriteLine($"live: waiting for the sweep's first snapshot ({live})");
            return;
        }
        IReadOnlyList<Loop.RunResult> runs;
        DateTime taken;
        try
        {
            using var snapshot = ResultStore.OpenReadOnly(live);
            taken = File.GetLastWriteTimeUtc(live);
            runs = snapshot.ReadResults(CollapseCli.Catalog, task);
        }
        catch (StoreException)
        {
            return; // removed as the sweep ended: the next round reads the store itself
        }
        if (runs.Count == 0)
        {
            System.Console.Error.WriteLine($"live: no runs in the snapshot yet ({live})");
            return;
        }
        var report = Build(() => Reports.Report.Build(runs, CollapseCli.Catalog));
        string text = FormattableString.Invariant($"Live view of a running sweep: {report.RunCount} runs so far ({report.FailedCount} failed), snapshot of {taken:yyyy-MM-dd HH:mm:ss} UTC; this page reloads every {seconds} s and is replaced by the final report when the sweep ends.");
        string index = WriteReport(report, directory, storePath, new LiveView(seconds, text));
        System.Console.Error.WriteLine(FormattableString.Invariant($"live: {report.RunCount} runs ({report.FailedCount} failed), snapshot of {taken:HH:mm:ss} UTC: {index}"));
    }

    /// <summary>Writes <paramref name="report"/> to <paramref name="directory"/> and returns the path of its page.</summary>
    /// <param name="report">The report to write.</param>
    /// <param name="directory">The report's directory.</param>
    /// <param name="store">The store (or snapshot) it was made from, which no report file may replace.</param>
    /// <param name="live">For a live view of a running sweep, else null.</param>
    private static string WriteReport(Reports.Report report, string directory, string store, LiveView? live = null)
    {
        try
        {
            return ReportWriter.Write(report, directory, [new NamedPath("the store", store)], live);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write the report to '{directory}': {e.Message}");
        }
    }

    /// <summary>Writes <paramref name="report"/> to <paramref name="directory"/>, prints the verdicts and where the page is.</summary>
    /// <param name="report">The report to write.</param>
    /// <param name="directory">The report's directory.</param>
    /// <param name="store">The store it was made from, which no report file may replace.</param>
    internal static int Write(Reports.Report report, string directory, string store)
    {
        string index = WriteReport(report, directory, store);
        System.Console.Out.Write(VerdictTable.Format(report.Verdicts));
        System.Console.Out.WriteLine();
        System.Console.Out.WriteLine($"report: {index} ({report.Figures.Count} figures, {report.RunCount} runs{(report.FailedCount > 0 ? $", {report.FailedCount} failed" : "")})");
        return ExitCodes.Success;
    }

    /// <summary>Builds a report, turning a missing font into the usage error it is.</summary>
    internal static Reports.Report Build(Func<Reports.Report> build)
    {
        try
        {
            return build();
        }
        catch (MissingFontException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
