using System.CommandLine;
using CollapseLab.Cli.Commands.Report;
using CollapseLab.Cli.Console;
using CollapseLab.Output;
using CollapseLab.Store;
using CollapseLab.Studies;

namespace CollapseLab.Cli.Commands.Reproduce;

/// <summary><c>collapse reproduce [--scale quick|paper]</c>: the built-in study into a store (resumable), then its report.</summary>
public static class ReproduceCommand
{
    internal static Command Create()
    {
        var command = new Command("reproduce", "Run the built-in study (every task setting, all three reference workflows) into a results store, resuming what is already there, then write its report and print where it is.");
        var scale = new Option<string>("--scale") { Description = "quick: minutes on a laptop, fewer seeds and sizes; paper: the reference study's grids (hours; see `collapse sweep slurm`)", DefaultValueFactory = _ => "quick", HelpName = "quick|paper" };
        var studyName = new Option<string>("--study") { Description = "reference: the reference study's three workflows (sized by --scale); workflows: the atlas of every workflow and modifier", DefaultValueFactory = _ => "reference", HelpName = "reference|workflows" };
        var store = new Option<string>("--store") { Description = "results store (DuckDB file) [default: reproduce-<scale>.duckdb]", HelpName = "file" }.NamesPath();
        var output = new Option<string>("--out") { Description = "report directory", DefaultValueFactory = _ => "report", HelpName = "dir" }.NamesPath();
        var threads = new Option<int>("--threads") { Description = "parallel runs [0: all cores]", DefaultValueFactory = _ => 0, HelpName = "count" };
        var plan = new Option<bool>("--plan") { Description = "print each part (sweep file) with its runs, the runs already in the store and the expected cost of the rest; run nothing" };
        foreach (var option in new Option[] { studyName, scale, store, output, threads, plan }) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var chosen = (parsed.GetValue(studyName), parsed.GetValue(scale)) switch
            {
                ("reference", "quick") => StudyScale.Quick,
                ("reference", "paper") => StudyScale.Paper,
                ("reference", var other) => throw new UsageException($"invalid --scale '{other}': expected quick or paper"),
                ("workflows", _) => StudyScale.Workflows,
                (var other, _) => throw new UsageException($"invalid --study '{other}': expected reference or workflows"),
            };
            int threadCount = parsed.GetValue(threads);
            if (threadCount < 0) throw new UsageException($"invalid --threads {threadCount}: expected an integer ≥ 0 (0: all cores)");
            string storePath = parsed.GetValue(store) ?? Reproduction.DefaultStore(chosen);
            if (parsed.GetValue(plan)) return Plan(chosen, storePath);
            return Execute(chosen, storePath, parsed.GetValue(output)!, threadCount);
        });
        return command;
    }

    /// <summary>The study's parts, their runs, the runs the store holds (if it exists; it is opened read-only) and the cost of the rest.</summary>
    private static int Plan(StudyScale scale, string storePath)
    {
        IReadOnlySet<string> completed = new HashSet<string>();
        if (File.Exists(storePath))
        {
            using var store = ResultStore.OpenReadOnly(storePath);
            completed = store.CompletedRunIds();
        }
        var parts = StudyPlan.Of(BuiltInStudy.Files(scale), completed, CollapseCli.Catalog);
        var output = System.Console.Out;
        output.WriteLine($"reproduce --scale {BuiltInStudy.FolderOf(scale)} --plan (store {storePath}{(File.Exists(storePath) ? "" : ": none yet")}); " +
            "time: the runs not yet in the store, by the measured cost model (RunCost.Seconds), of one idle core");
        foreach (var part in parts)
            output.WriteLine(part.Problem is { } problem
                ? $"  {part.Name}: not planned: {problem}"
                : $"  {part.Name} ({part.Task}): {part.Runs:N0} runs, {part.InStore:N0} in the store, {Hours(part.Seconds)}");
        var planned = parts.Where(p => p.Problem is null).ToArray();
        output.WriteLine($"  total: {planned.Sum(p => p.Runs):N0} runs, {planned.Sum(p => p.InStore):N0} in the store, " +
            (planned.All(p => p.Seconds is not null) ? Hours(planned.Sum(p => p.Seconds)) : $"{Hours(planned.Sum(p => p.Seconds ?? 0))} for the parts measured"));
        return ExitCodes.Success;
    }

    private static string Hours(double? seconds) => seconds switch
    {
        null => "time not measured for this task",
        < 3600 => $"≈ {seconds / 60:0.#} core-minutes",
        _ => $"≈ {seconds / 3600:#,0.0} core-hours",
    };

    /// <summary>
    /// Fetches the data the study's tasks need, runs what the store lacks, writes the report. Exit code 1 when a run
    /// failed or a task was left out (its data could not be fetched: the warning names why and the fix); the report
    /// then covers the rest.
    /// </summary>
    private static int Execute(StudyScale scale, string storePath, string reportDirectory, int threads)
    {
        var error = System.Console.Error;
        // Every output is checked before anything is fetched or run: a bad --out would otherwise surface after the whole study.
        // The report is written from the store, so none of its files may be the store.
        OutputPaths.EnsureApart(new[] { "index.html", "aggregates.csv", "verdicts.csv" }.Select(f => new NamedPath("the report file", Path.Combine(reportDirectory, f))),
            [new NamedPath("--store", storePath)]);
        CheckReportDirectory(reportDirectory);
        using var store = ResultStore.Open(storePath);
        var study = Reproduction.Prepare(scale, CollapseCli.Catalog, error.WriteLine);
        foreach (var skipped in study.Skipped) error.WriteLine($"warning: left out of the study: {skipped}");
        string folder = BuiltInStudy.FolderOf(study.Scale);
        string title = study.Scale == StudyScale.Workflows ? "--study workflows" : $"--scale {folder}";
        var pending = Sweeps.SweepRunner.Pending(study.Runs, store);
        Running.Runner.Validate(pending);
        error.WriteLine($"reproduce {title}: {study.Runs.Count:N0} runs from {string.Join(", ", study.Sweeps.Select(s => s.Task))} → {store.Path}; " +
            $"{study.Runs.Count - pending.Count:N0} already there, {pending.Count:N0} to run");
        // Before the cancel handler: Ctrl+C during pretraining ends the process at once (the cache is written atomically).
        Sweeps.SweepRunner.Prepare(pending, error.WriteLine);
        using var ctrlC = new CtrlC();
        try
        {
            var outcome = ProgressDisplay.Run($"reproduce {folder}", pending.Count,
                tick => Reproduction.Run(study, store, threads, _ => tick(), ctrlC.Token));
            error.WriteLine($"runs: {outcome.Completed:N0} completed, {outcome.Skipped:N0} already in the store, {outcome.Failed:N0} failed in {outcome.Elapsed.TotalSeconds:0.0} s");
            foreach (var failure in outcome.Failures.Take(20))
                error.WriteLine($"run failed: {failure.Spec.Id} {failure.Spec.Key}: {failure.Error}");
            var report = ReportCommand.Build(() => Reproduction.BuildReport(study, store));
            ReportCommand.Write(report, reportDirectory, store.Path);
            if (study.Skipped.Count > 0)
                error.WriteLine($"incomplete: {study.Skipped.Count} sweep file(s) left out of the study (warnings above); the report covers the rest");
            return outcome.Failed == 0 && study.Skipped.Count == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"cancelled: runs finished so far are in {store.Path}; run the same command again to resume");
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>
    /// Checks that the report can be written to <paramref name="directory"/>: it is a directory or can be created as one
    /// (the folders or probe file made to prove it are removed again, so a store refused next leaves nothing behind).
    /// </summary>
    /// <exception cref="UsageException">It cannot.</exception>
    private static void CheckReportDirectory(string directory)
    {
        if (directory.Trim().Length == 0) throw new UsageException("invalid --out '': expected a report directory");
        try
        {
            string full = Path.GetFullPath(directory);
            if (File.Exists(full)) throw new UsageException($"invalid --out '{directory}': it is a file; expected a report directory");
            string? created = full;
            while (Path.GetDirectoryName(created) is { } parent && !Directory.Exists(parent)) created = parent;
            if (Directory.Exists(full))
            {
                string probe = Path.Combine(full, $".collapse-write-check-{Environment.ProcessId}");
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
                return;
            }
            Directory.CreateDirectory(full);
            Directory.Delete(created, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot write the report to --out '{directory}': {e.Message}");
        }
    }
}
