using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Tasks.External;

/// <summary>
/// The external setting (DESIGN §4.5, docs/external.md): fit, sample and score are programs the user names, run without
/// a shell with placeholders for files and seeds; data are JSONL lines, opaque to CollapseLab. Generation 0 is n lines
/// of <c>--real</c> drawn without replacement; the metrics are what the score program prints. Every step's files stay
/// under <c>--workdir</c>, per run and iteration, with a completion marker, so a rerun reuses finished steps.
/// </summary>
public sealed class ExternalSetting : TaskSetting<JsonLines>, IRunCostModel
{
    /// <summary>The setting's name, <c>external</c>.</summary>
    public const string TaskName = "external";

    /// <summary>The family of user parameters (<c>--param NAME=VALUE</c>, in sweep files <c>param.NAME</c>).</summary>
    public const string ParamFamily = "param";

    /// <summary>Placeholders every command may use (besides the user's <c>--param</c> names).</summary>
    public static IReadOnlyList<string> CommonPlaceholders { get; } = ["model", "test", "iteration", "seed", "workdir"];

    /// <summary>The catalogue entry of <c>external</c>.</summary>
    public static TaskInfo Info { get; } = new(TaskName, "your own programs fit, sample and score JSONL data; see docs/external.md",
        ExternalParameters.Declaration.Specs, p => new ExternalSetting(ExternalParameters.Declaration.Read(p)));

    /// <inheritdoc/>
    public override string Name => TaskName;
    /// <inheritdoc/>
    public override ParameterValues Parameters { get; }

    /// <summary>The typed parameters.</summary>
    public ExternalParameters Options { get; }

    /// <summary>The JSONL file of real data (<c>real</c>), read on first use.</summary>
    public string RealPath { get; }
    /// <summary>The JSONL file of held-out real data (<c>test</c>), passed to the score program as <c>{test}</c>.</summary>
    public string TestPath { get; }
    /// <summary>Fits a model to <c>{train}</c>, writing it into the directory <c>{model}</c>.</summary>
    public CommandTemplate Fit { get; }
    /// <summary>Writes exactly <c>{n}</c> JSONL lines to <c>{out}</c> from the model in <c>{model}</c>.</summary>
    public CommandTemplate Sample { get; }
    /// <summary>Prints, as its last line, a JSON object of metric name → number measured on <c>{test}</c>.</summary>
    public CommandTemplate Score { get; }
    /// <summary>Prints one number per line of <c>{out}</c>, its log-likelihood under <c>{model}</c>; null when not given (no model-top curation).</summary>
    public CommandTemplate? LogLikelihood { get; }

    /// <summary>The metric named by <c>--loss</c>, or null for the score program's first key.</summary>
    public string? Loss { get; }

    /// <summary>The root of every run's directory (absolute).</summary>
    public string Workdir { get; }

    /// <summary>How long a step may run before it is killed and the run fails; null for no limit.</summary>
    public TimeSpan? StepTimeout { get; }

    /// <summary>The user's parameters, name → value, by name.</summary>
    public IReadOnlyDictionary<string, string> UserParameters { get; }

    private readonly Lazy<List<string>> _real;

    /// <summary>The setting with <paramref name="parameters"/>; reads no file (see <see cref="Validate()"/>).</summary>
    /// <exception cref="InvalidParameterException">A required parameter is missing, a command is empty or uses an unknown placeholder.</exception>
    public ExternalSetting(ExternalParameters parameters)
    {
        Options = parameters;
        Parameters = ExternalParameters.Declaration.Write(parameters);
        RealPath = Required("real");
        TestPath = Required("test");
        UserParameters = Parameters.Members(ParamFamily).ToDictionary(p => p.Key, p => p.Value);
        var reserved = CommonPlaceholders.Concat(["train", "out", "n"]).FirstOrDefault(UserParameters.ContainsKey);
        if (reserved is not null)
            throw new InvalidParameterException(ParamFamily, $"invalid {InvalidParameterException.Name("param")} {reserved}=…: {{{reserved}}} is a placeholder CollapseLab fills in itself; choose another name");
        var common = CommonPlaceholders.Concat(UserParameters.Keys).ToArray();
        Fit = CommandTemplate.Parse("fit", Required("fit"), [.. common, "train"]);
        Sample = CommandTemplate.Parse("sample", Required("sample"), [.. common, "out", "n"]);
        Score = CommandTemplate.Parse("score", Required("score"), common);
        LogLikelihood = Parameters.Text("loglik") is { } loglik ? CommandTemplate.Parse("loglik", loglik, [.. common, "out", "n"]) : null;
        Loss = Parameters.Text("loss");
        Workdir = Path.GetFullPath(Parameters.Text("workdir")!);
        StepTimeout = parameters.StepTimeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        _real = new Lazy<List<string>>(() => JsonlFile.Read(RealPath));
    }

    /// <summary>A view of <paramref name="shared"/> for one run: the same data, the run's directory and cancellation.</summary>
    private ExternalSetting(ExternalSetting shared, RunSpec spec, CancellationToken cancellation)
    {
        Options = shared.Options;
        Parameters = shared.Parameters;
        RealPath = shared.RealPath;
        TestPath = shared.TestPath;
        Fit = shared.Fit;
        Sample = shared.Sample;
        Score = shared.Score;
        LogLikelihood = shared.LogLikelihood;
        Loss = shared.Loss;
        Workdir = shared.Workdir;
        StepTimeout = shared.StepTimeout;
        UserParameters = shared.UserParameters;
        _real = shared._real;
        _spec = spec;
        _cancellation = cancellation;
    }

    private readonly RunSpec? _spec;
    private readonly CancellationToken _cancellation;

    /// <inheritdoc/>
    public override int MinimumSamples => 1;

    /// <summary>Fresh real data are lines of <c>--real</c> the run has not used; <c>--loglik</c> lets curation rank samples by the model.</summary>
    public override TaskAbilities Abilities => TaskAbilities.FreshRealData | (LogLikelihood is null ? TaskAbilities.None : TaskAbilities.ModelLikelihood);

    /// <summary><c>--loss</c>, else the score program's first key (the first metric the runs recorded).</summary>
    public override string? ChooseLoss(IReadOnlyList<string> recorded) => Loss ?? recorded.FirstOrDefault();

    /// <summary>The directory of run <paramref name="spec"/>'s files.</summary>
    public string RunDirectory(RunSpec spec) => Path.Combine(Workdir, spec.Id);

    /// <summary>Runs the loop with this run's directory, and with cancellation that kills the running step.</summary>
    public override RunResult Run(RunSpec spec, CancellationToken cancellation = default) =>
        GenerationLoop.Run(new ExternalSetting(this, spec, cancellation), spec, cancellation);

    /// <summary>
    /// Reads <c>--real</c> (every line one JSON value), checks that
    /// <c>--test</c> can be read and that each command's program exists (when no step-time placeholder names it).
    /// </summary>
    public override void Validate()
    {
        try
        {
            _ = _real.Value;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new InvalidParameterException("real", $"invalid {InvalidParameterException.Name("real")} '{RealPath}' for task external: {e.Message}");
        }
        try
        {
            using var test = File.OpenRead(TestPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidParameterException("test", $"invalid {InvalidParameterException.Name("test")} '{TestPath}' for task external: {e.Message}");
        }
        foreach (var (parameter, command) in new[] { ("fit", Fit), ("sample", Sample), ("score", Score), ("loglik", LogLikelihood) })
            if (command?.Program(UserParameters) is { } program && !IsRunnable(program))
                throw new InvalidParameterException(parameter,
                    $"invalid {InvalidParameterException.Name(parameter)} '{command.Text}': the program '{program}' is not found" + (program.Contains('/') ? "" : " on PATH"));
    }

    /// <summary><see cref="Validate()"/>, and that <c>--real</c> holds the samples every run draws (n, and what <c>--fresh-real</c> adds).</summary>
    public override void Validate(IReadOnlyList<RunSpec> runs)
    {
        Validate();
        var real = _real.Value;
        foreach (var run in runs)
        {
            long needed = run.Samples + (long)run.Workflow.Growth.FreshReal * Math.Max(0, run.Iterations - 1);
            if (needed > real.Count)
                throw new InvalidParameterException("real",
                    $"invalid {InvalidParameterException.Name("real")} '{RealPath}' for task external: it holds {real.Count} samples, but a run of {InvalidParameterException.Name("samples")} {run.Samples}"
                    + (run.Workflow.Growth.FreshReal > 0 ? $" with {InvalidParameterException.Name("fresh-real")} {run.Workflow.Growth.FreshReal} over {run.Iterations} iterations needs {needed}" : $" needs {needed}"));
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Called directly rather than through <see cref="Run"/>, which gives the run its directory.</exception>
    /// <exception cref="InvalidParameterException">The real data hold fewer than <paramref name="samples"/> lines.</exception>
    public override ITaskRun<JsonLines> Start(int samples, ulong seed)
    {
        if (_spec is null) throw new InvalidOperationException("an external run starts through ExternalSetting.Run, which gives it its directory");
        var real = _real.Value;
        if (samples > real.Count)
            throw new InvalidParameterException("samples", $"invalid {InvalidParameterException.Name("samples")} {samples} for task external: {InvalidParameterException.Name("real")} holds only {real.Count} samples");
        var drawn = Rng.For(seed, RngStream.Real).SampleWithoutReplacement(real.Count, samples);
        var taken = drawn.ToHashSet();
        var unused = Enumerable.Range(0, real.Count).Where(i => !taken.Contains(i)).Select(i => real[i]).ToList();
        string directory = RunDirectory(_spec);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "run.txt"), _spec.Key + "\n");
        return new ExternalRun(this, new JsonLines(drawn.Select(i => real[i]).ToArray()), unused, directory, new StepProcess(StepTimeout, _cancellation));
    }

    /// <summary>Whether <paramref name="program"/> names a file (with a /) or is found on PATH, as starting it without a shell looks it up.</summary>
    private static bool IsRunnable(string program) =>
        program.Contains('/')
            ? File.Exists(program)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(directory => File.Exists(Path.Combine(directory, program)));

    private string Required(string name) =>
        Parameters.Text(name) ?? throw new InvalidParameterException(name,
            $"task external needs {InvalidParameterException.Name(name)} ({ExternalParameters.Declaration.Specs.First(s => s.Name == name).Description})");

    /// <summary>T × (n + 1000): what the user's programs cost is unknown, so samples passed through them plus a per-iteration allowance for starting three processes.</summary>
    public double EstimateCost(RunSpec run) => run.Iterations * (run.Samples + 1000.0);

    /// <inheritdoc/>
    /// <remarks>Not measured: the user's programs decide.</remarks>
    public double? SecondsPerUnit => null;
}
