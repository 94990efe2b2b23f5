using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CollapseLab.Cli.Console;
using CollapseLab.Loop;
using CollapseLab.Output;
using CollapseLab.Running;
using CollapseLab.Store;
using CollapseLab.Sweeps;

namespace CollapseLab.Cli.Commands.Sweep;

/// <summary><c>collapse sweep plan|run|slurm FILE</c>: grid sweeps from YAML files into a results store, locally or on Slurm.</summary>
public static class SweepCommand
{
    internal static Command Create()
    {
        var sweep = new Command("sweep", "Run grids of runs from a sweep file (YAML: W&B grid format plus task:) into a DuckDB results store; resumable, shardable, Slurm-ready.");
        sweep.Subcommands.Add(Plan());
        sweep.Subcommands.Add(Run());
        sweep.Subcommands.Add(Slurm());
        return sweep;
    }

    private static Argument<string> FileArgument() => new Argument<string>("file") { Description = "sweep file (YAML)" }.NamesPath();

    private static Command Plan()
    {
        var command = new Command("plan", "Show what a sweep file expands to: how many runs, which parameter values, and how shards would split it.");
        var file = FileArgument();
        var shards = new Option<int>("--shards") { Description = "also show the split into this many shards", DefaultValueFactory = _ => 1, HelpName = "N" };
        var list = new Option<bool>("--list") { Description = "list every run (id and parameters)" };
        command.Arguments.Add(file);
        command.Options.Add(shards);
        command.Options.Add(list);
        command.SetAction(parsed =>
        {
            int shardCount = parsed.GetValue(shards);
            if (shardCount < 1) throw new UsageException($"invalid --shards {shardCount}: expected an integer ≥ 1");
            string path = parsed.GetValue(file)!;
            var spec = SweepFile.Load(path, CollapseCli.Catalog);
            var runs = spec.Expand();
            Runner.Validate(runs);
            var output = System.Console.Out;
            output.WriteLine($"{path}: task {spec.Task}, {runs.Count:N0} runs");
            foreach (var axis in spec.Axes)
            {
                var values = axis.Values.Select(v => v.Text).Distinct().ToArray();
                string shown = axis.Parameter == SweepSpec.SeedKey ? SeedRanges(values) : string.Join(", ", values);
                output.WriteLine($"  {axis.Parameter}: {shown} ({values.Length})");
            }
            CheckShards(shardCount, runs.Count);
            if (shardCount > 1)
            {
                var costs = runs.Select(RunCost.Estimate).ToArray();
                var assignment = Sharding.Assign(runs, shardCount, RunCost.Estimate, r => r.Id);
                var shardRuns = new int[shardCount];
                var shardCosts = new double[shardCount];
                for (int i = 0; i < runs.Count; i++)
                {
                    shardRuns[assignment[i]]++;
                    shardCosts[assignment[i]] += costs[i];
                }
                double total = costs.Sum();
                for (int s = 0; s < shardCount; s++)
                    output.WriteLine($"  shard {s + 1}/{shardCount}: {shardRuns[s]:N0} runs, {100 * shardCosts[s] / total:0.0}% of the expected cost");
            }
            if (parsed.GetValue(list))
                foreach (var run in runs) output.WriteLine($"{run.Id}  {run.Key}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Run()
    {
        var command = new Command("run", "Run a sweep into a results store. Runs already completed in the store are skipped, so rerunning after a crash or kill finishes the rest.");
        var file = FileArgument();
        var store = new Option<string>("--store") { Description = "results store (DuckDB file; created when missing)", Required = true, HelpName = "file" }.NamesPath();
        var shard = new Option<string>("--shard") { Description = "run only shard i of N (1-based; balanced by expected cost)", HelpName = "i/N" };
        var threads = new Option<int>("--threads") { Description = "parallel runs [0: all cores]", DefaultValueFactory = _ => 0, HelpName = "count" };
        command.Arguments.Add(file);
        command.Options.Add(store);
        command.Options.Add(shard);
        command.Options.Add(threads);
        command.SetAction(parsed =>
        {
            int threadCount = parsed.GetValue(threads);
            if (threadCount < 0) throw new UsageException($"invalid --threads {threadCount}: expected an integer ≥ 0 (0: all cores)");
            var part = parsed.GetValue(shard) is { } text ? Shard.Parse(text) : Shard.All;
            string path = parsed.GetValue(file)!;
            var spec = SweepFile.Load(path, CollapseCli.Catalog);
            var runs = Sharding.Select(spec.Expand(), part, RunCost.Estimate, r => r.Id);
            OutputPaths.EnsureApart([new NamedPath("--store", parsed.GetValue(store)!)],
                PathArguments.InputsOf(runs.Select(r => r.Task).Distinct()).Prepend(new NamedPath("the sweep file", path)));
            Runner.Validate(runs); // before the store is created or any run starts
            using var results = ResultStore.Open(parsed.GetValue(store)!);
            return Execute(spec, runs, part, results, threadCount);
        });
        return command;
    }

    private static int Execute(SweepSpec spec, IReadOnlyList<RunSpec> runs, Shard shard, ResultStore store, int threads)
    {
        var error = System.Console.Error;
        string scope = shard.Count == 1 ? $"{runs.Count:N0} runs" : $"shard {shard}: {runs.Count:N0} runs";
        int workers = threads > 0 ? threads : Environment.ProcessorCount;
        var pendingRuns = SweepRunner.Pending(runs, store);
        int pending = pendingRuns.Count;
        // e.g. pretraining the language model's base, with progress; before the cancel handler, so Ctrl+C ends it at once
        SweepRunner.Prepare(pendingRuns, error.WriteLine);
        using var ctrlC = new CtrlC();
        try
        {
            error.WriteLine($"sweep {spec.Task} ({scope}) → {store.Path}: {runs.Count - pending:N0} already in the store, {pending:N0} to run{(pending == 0 ? "" : $" on {Math.Min(workers, pending)} thread{(Math.Min(workers, pending) == 1 ? "" : "s")}")}");
            var outcome = ProgressDisplay.Run($"sweep {spec.Task}", pending,
                tick => SweepRunner.Run(runs, store, threads, _ => tick(), ctrlC.Token));
            error.WriteLine($"done: {outcome.Completed:N0} completed, {outcome.Skipped:N0} skipped (already in the store), {outcome.Failed:N0} failed "
                + $"in {outcome.Elapsed.TotalSeconds:0.0} s; store writes took {outcome.StoreBusy.TotalSeconds:0.00} s on their own thread");
            foreach (var failure in outcome.Failures.Take(20))
                error.WriteLine($"run failed: {failure.Spec.Id} {failure.Spec.Key}: {failure.Error}");
            if (outcome.Failed > 20) error.WriteLine($"… and {outcome.Failed - 20} more failed runs (stored with their errors)");
            return outcome.Failed == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"cancelled: runs finished so far are in {store.Path}; run the same command again to resume");
            return ExitCodes.Cancelled;
        }
    }

    private static Command Slurm()
    {
        var command = new Command("slurm", "Write an sbatch job array for a sweep (one array task per shard, each into its own store) and a merge job chained with --dependency=afterok; --submit submits both.");
        var file = FileArgument();
        var shards = new Option<int>("--shards") { Description = "number of shards (array tasks)", Required = true, HelpName = "N" };
        var partition = new Option<string>("--partition") { Description = "Slurm partition [default: the cluster's default partition]", HelpName = "name" };
        var output = new Option<string>("--out") { Description = "job directory to create (scripts, logs/, stores/, results.duckdb)", Required = true, HelpName = "dir" }.NamesPath();
        var cpus = new Option<int>("--cpus-per-task") { Description = "CPUs per array task (the sweep's --threads)", DefaultValueFactory = _ => 4, HelpName = "count" };
        var time = new Option<string>("--time") { Description = "time limit per array task (Slurm format: minutes, M:SS, H:MM:SS, D-H, D-H:MM or D-H:MM:SS)", DefaultValueFactory = _ => "04:00:00", HelpName = "limit" };
        var collapse = new Option<string>("--collapse") { Description = "command that runs collapse on the compute nodes [default: this build]", HelpName = "command" };
        var submit = new Option<bool>("--submit") { Description = "submit with sbatch and print the job ids" };
        var gres = new Option<string>("--gres") { Description = "generic resources per array task, e.g. gpu:1 (#SBATCH --gres=…)", HelpName = "spec" };
        var sbatch = new Option<string[]>("--sbatch") { Description = "an extra #SBATCH option for the array tasks, e.g. --sbatch=--constraint=a100 (repeatable)", HelpName = "option" };
        command.Arguments.Add(file);
        foreach (var option in new Option[] { shards, partition, output, cpus, time, collapse, submit, gres, sbatch }) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var directives = (parsed.GetValue(gres) is { } resources ? ["--gres=" + resources] : Array.Empty<string>()).Concat(parsed.GetValue(sbatch) ?? []).ToArray();
            foreach (var directive in directives)
                if (SlurmJob.CheckDirective(directive) is { } problem) throw new UsageException($"invalid #SBATCH option '{directive}': {problem}");

            string path = parsed.GetValue(file)!;
            var job = new SlurmJob(Path.GetFullPath(parsed.GetValue(output)!), parsed.GetValue(shards), parsed.GetValue(partition), parsed.GetValue(cpus),
                parsed.GetValue(time)!, parsed.GetValue(collapse) is { } custom ? custom.Split(' ', StringSplitOptions.RemoveEmptyEntries) : ThisCollapse(),
                "collapse-" + Regex.Replace(Path.GetFileNameWithoutExtension(path), "[^A-Za-z0-9_.-]", "_")) { Directives = directives };
            job.Validate();
            var spec = SweepFile.Load(path, CollapseCli.Catalog);
            var expanded = spec.Expand();
            int runCount = expanded.Count, shardCount = job.Shards;
            CheckShards(shardCount, runCount);
            OutputPaths.EnsureApart(new[] { job.SweepFile, job.ArrayScript, job.MergeScript, job.SubmitScript, job.Results }.Select(f => new NamedPath("the job file", f)),
                PathArguments.InputsOf(expanded.Select(r => r.Task).Distinct()).Prepend(new NamedPath("the sweep file", path)));
            try
            {
                job.Write(File.ReadAllText(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write the job directory '{job.Directory}': {e.Message}");
            }
            System.Console.Out.WriteLine($"wrote {job.ArrayScript} ({shardCount} array tasks, {runCount:N0} runs), {job.MergeScript} and {job.SubmitScript}");
            System.Console.Out.WriteLine($"results will be merged into {job.Results}");
            if (!parsed.GetValue(submit))
            {
                System.Console.Out.WriteLine($"submit with: {job.SubmitScript}");
                return ExitCodes.Success;
            }
            string array = Sbatch(job.ArrayScript);
            string merge = Sbatch($"--dependency=afterok:{array}", job.MergeScript);
            System.Console.Out.WriteLine($"submitted sweep job array {array} ({shardCount} tasks)");
            System.Console.Out.WriteLine($"submitted merge job {merge} (starts after every shard succeeded)");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every shard needs a run to do: more shards than runs would only print, submit and merge empty ones.</summary>
    private static void CheckShards(int shards, int runs)
    {
        if (shards > runs)
            throw new UsageException($"invalid --shards {shards:N0}: this sweep has {runs:N0} run{(runs == 1 ? "" : "s")}, and every shard needs one; expected 1 ≤ N ≤ {runs:N0}");
    }

    /// <summary>How this very build of collapse is started: its apphost, or <c>dotnet collapse.dll</c>.</summary>
    private static IReadOnlyList<string> ThisCollapse()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        string assembly = typeof(SweepCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, assembly] : [process];
    }

    /// <summary>Runs <c>sbatch --parsable ARGS</c> and returns the job id.</summary>
    private static string Sbatch(params string[] arguments)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--parsable");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UsageException($"cannot run sbatch ({e.Message}); is this a Slurm submit host? The scripts are written: submit them there");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new UsageException($"sbatch {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {stderr.Trim()}");
            return stdout.Result.Trim().Split(';')[0];
        }
    }

    /// <summary>"0-99" or "0-9, 20, 30-39".</summary>
    private static string SeedRanges(IReadOnlyList<string> seeds)
    {
        var numbers = seeds.Select(s => ulong.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var parts = new List<string>();
        for (int i = 0; i < numbers.Length;)
        {
            int j = i;
            while (j + 1 < numbers.Length && numbers[j + 1] == numbers[j] + 1) j++;
            parts.Add(j == i ? $"{numbers[i]}" : $"{numbers[i]}-{numbers[j]}");
            i = j + 1;
        }
        return string.Join(", ", parts);
    }
}
