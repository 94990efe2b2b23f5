using System.CommandLine;
using CollapseLab.Cli.Console;
using CollapseLab.Loop;
using CollapseLab.Mixtures;
using CollapseLab.Output;
using CollapseLab.Parameters;
using CollapseLab.Running;
using CollapseLab.Store;
using CollapseLab.Tasks;

namespace CollapseLab.Cli.Commands.Mixture;

/// <summary>
/// <c>collapse mixture &lt;task&gt;</c>: the real-vs-synthetic mixture study of one task setting over a grid of
/// (num_real, num_synthetic) cells, into a results store; completed cells are skipped, so a rerun resumes.
/// </summary>
public static class MixtureCommand
{
    internal static Command Create()
    {
        var mixture = new Command("mixture", "Real-vs-synthetic mixture study: train on num_real real plus num_synthetic synthetic samples for every cell of a grid; store the test loss per cell and seed.");
        // The external setting's runs need the per-run directory that only the generation loop's runs get (docs/external.md).
        foreach (var task in CollapseCli.Catalog.All.Where(t => t.Name != Tasks.External.ExternalSetting.TaskName)) mixture.Subcommands.Add(CreateFor(task));
        return mixture;
    }

    private static Command CreateFor(TaskInfo task)
    {
        var command = new Command(task.Name, $"Mixture study of the {task.Name} setting: {task.Description}.");
        var real = new Option<string>("--real") { Description = "num_real values [comma-separated, e.g. 10,32,100,316]", Required = true, HelpName = "list" };
        var synthetic = new Option<string>("--synthetic") { Description = "num_synthetic values [comma-separated, e.g. 0,10,32,100]", Required = true, HelpName = "list" };
        var generator = new Option<int?>("--generator-samples") { Description = "real samples the generator is fit to [default: the largest --real]", HelpName = "n" };
        var seeds = new Option<string>("--seeds") { Description = "seeds to run [e.g. 0-99 or 3,5,8-10]", DefaultValueFactory = _ => "0", HelpName = "list" };
        var store = new Option<string>("--store") { Description = "results store (DuckDB file; created when missing)", Required = true, HelpName = "file" }.NamesPath();
        var protocol = new Option<string>("--protocol") { Description = "collapselab: random real subsets per seed, generator fit to separate real data; reference: the reference study's (first num_real rows of one real split for every seed, generator fit to the whole split; docs/mixtures.md)", DefaultValueFactory = _ => "collapselab", HelpName = "collapselab|reference" };
        var threads = new Option<int>("--threads") { Description = "parallel seeds [0: all cores]", DefaultValueFactory = _ => 0, HelpName = "count" };
        var taskOptions = new ParameterOptions(task.Parameters);
        foreach (var option in taskOptions.Options) command.Options.Add(option);
        foreach (var option in new Option[] { real, synthetic, generator, protocol, seeds, store, threads }) command.Options.Add(option);

        command.SetAction(parsed =>
        {
            var setting = CollapseCli.Catalog.Create(task.Name, taskOptions.Given(parsed));
            var chosen = parsed.GetValue(protocol) switch
            {
                "collapselab" => MixtureProtocol.CollapseLab,
                "reference" => MixtureProtocol.Reference,
                var other => throw new InvalidParameterException("protocol", $"invalid --protocol '{other}': expected collapselab or reference"),
            };
            MixtureStudy.Validate(setting, chosen);
            var grid = MixtureStudy.Grid(setting, MixtureGrid.ParseSizes(parsed.GetValue(real)!, "real"), MixtureGrid.ParseSizes(parsed.GetValue(synthetic)!, "synthetic"),
                parsed.GetValue(generator), chosen);
            MixtureStudy.CheckMemory(setting, grid, RunMemory.Available);
            var seedList = SeedList.Parse(parsed.GetValue(seeds)!);
            int threadCount = parsed.GetValue(threads);
            if (threadCount < 0) throw new InvalidParameterException("threads", $"invalid --threads {threadCount}: expected an integer ≥ 0 (0: all cores)");
            OutputPaths.EnsureApart([new NamedPath("--store", parsed.GetValue(store)!)], PathArguments.InputsOf([setting]));
            using var results = ResultStore.Open(parsed.GetValue(store)!);
            return Execute(setting, grid, seedList, results, threadCount);
        });
        return command;
    }

    private static int Execute(ITaskSetting setting, MixtureGrid grid, IReadOnlyList<ulong> seeds, ResultStore store, int threads)
    {
        using var ctrlC = new CtrlC();
        var error = System.Console.Error;
        // a cell smaller than the task's minimum fails the same way every time: once stored, it is not rerun
        var completed = store.CompletedRunIds().Concat(seeds.SelectMany(s => MixtureStudy.Specs(setting, grid, s))
            .Where(c => MixtureStudy.TooSmall(setting, c) && store.RunStatuses.ContainsKey(c.Id)).Select(c => c.Id)).ToHashSet(StringComparer.Ordinal);
        var pending = seeds.Where(s => MixtureStudy.Specs(setting, grid, s).Any(c => !completed.Contains(c.Id))).ToArray();
        int cells = grid.Cells.Count();
        error.WriteLine($"mixture {setting.Name}: {cells} cells × {seeds.Count} seeds → {store.Path}: {seeds.Count - pending.Length} seed(s) already complete, {pending.Length} to run");
        var failures = new List<RunResult>();
        int written = 0, tooSmall = 0;
        try
        {
            using var writer = new StoreWriter(store, threads > 0 ? threads : Environment.ProcessorCount);
            ProgressDisplay.Run($"mixture {setting.Name}", pending.Length, tick =>
            {
                MixtureStudy.Run(setting, grid, pending, threads, seedResults =>
                {
                    foreach (var result in seedResults)
                    {
                        writer.Add(result);
                        if (!result.Succeeded && !MixtureStudy.TooSmall(setting, result.Spec)) failures.Add(result);
                        else if (!result.Succeeded) tooSmall++;
                    }
                    written += seedResults.Count;
                    tick();
                }, completed, ctrlC.Token);
                return 0;
            });
            writer.Complete();
            error.WriteLine($"done: {written:N0} cell runs written, {failures.Count:N0} failed");
            if (tooSmall > 0)
                error.WriteLine($"{tooSmall:N0} cell run(s) train on fewer than the {setting.MinimumSamples} samples task {setting.Name} needs; they are stored as failed with that reason and not rerun");
            foreach (var failure in failures.Take(20))
                error.WriteLine($"cell failed: seed {failure.Spec.Seed}, {FormatCell(failure.Spec)}: {failure.Error}");
            if (failures.Count > 20) error.WriteLine($"… and {failures.Count - 20} more failed cells (stored with their errors)");
            return failures.Count == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"cancelled: seeds finished so far are in {store.Path}; run the same command again to resume");
            return ExitCodes.Cancelled;
        }
    }

    private static string FormatCell(RunSpec spec) =>
        spec.Workflow is MixtureCell cell ? $"({cell.NumReal} real, {cell.NumSynthetic} synthetic)" : spec.Key;
}
