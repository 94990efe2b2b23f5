using System.CommandLine;
using System.Text;
using CollapseLab.Cli.Console;
using CollapseLab.Loop;
using CollapseLab.Output;
using CollapseLab.Parameters;
using CollapseLab.Running;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Cli.Commands.Run;

/// <summary><c>collapse run &lt;task&gt;</c>: runs one task setting under one workflow for a list of seeds and writes long-format CSV.</summary>
public static class RunCommand
{
    private const string GenerationsDirectory = "generations-dir";

    internal static Command Create()
    {
        var run = new Command("run", "Run the generation loop of one task setting for a list of seeds; write long-format CSV.");
        foreach (var task in CollapseCli.Catalog.All) run.Subcommands.Add(CreateFor(task));
        return run;
    }

    private static Command CreateFor(TaskInfo task)
    {
        var command = new Command(task.Name, $"Run the {task.Name} setting: {task.Description}.");
        var workflow = new Option<string>("--workflow")
        {
            Description = $"data workflow [one of {string.Join(", ", CollapseCli.Catalog.Workflows.All.Select(w => w.Name))}]",
            DefaultValueFactory = _ => "replace",
            HelpName = "name",
        };
        var loop = new ParameterOptions(LoopParameters.All);
        var maxIterations = new Option<string>("--max-iterations") { Description = "same as --iterations (the hard cap for runs that stop early)", HelpName = "value" };
        var seeds = new Option<string>("--seeds") { Description = "seeds to run [e.g. 0-99 or 3,5,8-10]", DefaultValueFactory = _ => "0", HelpName = "list" };
        var output = new Option<string>("--out") { Description = "CSV file to write (atomically) [default: standard output]", HelpName = "file" }.NamesPath();
        var threads = new Option<int>("--threads") { Description = "parallel runs [0: all cores]", DefaultValueFactory = _ => 0, HelpName = "count" };
        var taskOptions = new ParameterOptions(task.Parameters);
        var workflowOptions = new ParameterOptions(CollapseCli.Catalog.Workflows.All.SelectMany(w => w.AllParameters));

        command.Options.Add(workflow);
        foreach (var option in loop.Options.Concat(taskOptions.Options).Concat(workflowOptions.Options)) command.Options.Add(option);
        command.Options.Add(maxIterations);
        command.Options.Add(seeds);
        command.Options.Add(output);
        command.Options.Add(threads);

        command.SetAction(parsed =>
        {
            var taskValues = taskOptions.Given(parsed);
            // A task that writes per-run files (lm's generations) puts them next to --out unless told otherwise.
            if (task.Parameters.Any(p => p.Name == GenerationsDirectory) && !taskValues.ContainsKey(GenerationsDirectory) && parsed.GetValue(output) is { } csv)
                taskValues[GenerationsDirectory] = Path.ChangeExtension(csv, null) + ".generations";
            var setting = CollapseCli.Catalog.Create(task.Name, taskValues);
            var chosen = CollapseCli.Catalog.Workflows.Find(parsed.GetValue(workflow)!);
            var workflowValues = workflowOptions.Given(parsed);
            var unaccepted = workflowValues.Keys.FirstOrDefault(k => chosen.AllParameters.All(p => p.Name != k));
            if (unaccepted is not null)
                throw new InvalidParameterException(unaccepted, $"--{unaccepted} does not apply to workflow {chosen.Name}; it accepts {string.Join(", ", chosen.AllParameters.Select(p => "--" + p.Name))}");
            var flow = CollapseCli.Catalog.Workflows.Create(chosen.Name, workflowValues);

            var loopGiven = loop.Given(parsed);
            if (parsed.GetValue(maxIterations) is { } cap)
            {
                if (loopGiven.ContainsKey("iterations")) throw new UsageException("give --iterations or --max-iterations, not both");
                loopGiven["iterations"] = cap;
            }
            var loopValues = ParameterValues.Parse(LoopParameters.All, loopGiven, "run");
            int samples = loopValues.Int("samples"), iterations = loopValues.Int("iterations");
            var specs = SeedList.Parse(parsed.GetValue(seeds)!)
                .Select(seed => RunSpec.Create(setting, flow, samples, iterations, seed)).ToArray();
            RunMemory.Check(specs[0], RunMemory.Available); // the seeds' runs differ only in their data
            int threadCount = parsed.GetValue(threads);
            if (threadCount < 0) throw new InvalidParameterException("threads", $"invalid --threads {threadCount}: expected an integer ≥ 0 (0: all cores)");
            setting.Validate(specs); // the files and corpora it names, before any run or output

            if (parsed.GetValue(output) is { } outputPath)
                OutputPaths.EnsureApart([new NamedPath("--out", outputPath)], PathArguments.InputsOf([setting]));
            return Execute(specs, threadCount, parsed.GetValue(output));
        });
        return command;
    }

    private static int Execute(RunSpec[] specs, int threads, string? outputPath)
    {
        using var file = outputPath is null ? null : OpenOutput(outputPath);
        using (var ctrlC = new CtrlC())
        {
            var results = ProgressDisplay.Run($"{specs[0].Task.Name}/{specs[0].Workflow.Name}", specs.Length,
                tick => Runner.Run(specs, threads, _ => tick(), ctrlC.Token));
            if (file is null)
            {
                CsvExporter.Write(results, System.Console.Out);
                System.Console.Out.Flush();
            }
            else
            {
                using (var writer = new StreamWriter(file.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
                    CsvExporter.Write(results, writer);
                file.Commit();
                System.Console.Error.WriteLine($"wrote {file.Path}");
            }
            var failed = results.Where(r => !r.Succeeded).ToArray();
            foreach (var f in failed) System.Console.Error.WriteLine($"run failed: seed {f.Spec.Seed}: {f.Error}");
            return failed.Length == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
        }
    }

    private static AtomicFile OpenOutput(string path)
    {
        try
        {
            return new AtomicFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write --out '{path}': {e.Message}");
        }
    }
}
