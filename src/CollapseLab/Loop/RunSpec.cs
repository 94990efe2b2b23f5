using System.Security.Cryptography;
using System.Text;
using CollapseLab.Parameters;
using CollapseLab.Workflows;

namespace CollapseLab.Loop;

/// <summary>One run: a task setting, a workflow, n samples per generation, T iterations and a seed.</summary>
public sealed record RunSpec(ITaskSetting Task, IWorkflow Workflow, int Samples, int Iterations, ulong Seed)
{
    /// <summary>Suffix of the name under which an input's SHA-256 joins the run's parameters (<c>data-sha256</c>).</summary>
    public const string DigestSuffix = "-sha256";

    /// <summary>A run spec after checking n and T against what the task accepts, with the digests of its inputs.</summary>
    /// <param name="task">The task setting to run.</param>
    /// <param name="workflow">How each generation's training set is chosen.</param>
    /// <param name="samples">n, samples per generation (at least the task's <see cref="ITaskSetting.MinimumSamples"/>).</param>
    /// <param name="iterations">T, the number of fits (at least 1).</param>
    /// <param name="seed">Every random stream of the run derives from it.</param>
    /// <param name="inputs">The digests of the task's inputs as stored with the run (a store rebuilding its runs
    /// reads no file); null: compute them from the files the task parameters name (<see cref="InputsOf"/>).</param>
    /// <exception cref="InvalidParameterException">n below the task's minimum, or T &lt; 1, or an input that cannot be read.</exception>
    public static RunSpec Create(ITaskSetting task, IWorkflow workflow, int samples, int iterations, ulong seed,
        IReadOnlyList<KeyValuePair<string, string>>? inputs = null)
    {
        if (samples < task.MinimumSamples)
            throw new InvalidParameterException("samples", $"invalid {InvalidParameterException.Name("samples")} {samples} for task {task.Name}: expected an integer ≥ {task.MinimumSamples}");
        if (iterations < 1)
            throw new InvalidParameterException("iterations", $"invalid {InvalidParameterException.Name("iterations")} {iterations}: expected an integer ≥ 1");
        var growth = workflow.Growth;
        if (growth.FreshReal > 0 && !task.Abilities.HasFlag(TaskAbilities.FreshRealData))
            throw new InvalidParameterException("fresh-real", $"task {task.Name} cannot draw fresh real data, so {InvalidParameterException.Name("fresh-real")} must be 0");
        if (growth.Curation is { } curation && !task.Abilities.HasFlag(curation.Needs))
            throw new InvalidParameterException("curate", $"task {task.Name} cannot score samples for {InvalidParameterException.Name("curate")} {curation.Rule}; it accepts {AcceptedCuration(task.Abilities)}");
        return new RunSpec(task, workflow, samples, iterations, seed) { Inputs = inputs ?? InputsOf(task) };
    }

    private static string AcceptedCuration(TaskAbilities abilities) => string.Join(", ",
        new[] { "none", "random:Q" }
            .Concat(abilities.HasFlag(TaskAbilities.TruthLikelihood) ? ["truth-top:Q"] : [])
            .Concat(abilities.HasFlag(TaskAbilities.ModelLikelihood) ? ["model-top:Q"] : []));

    /// <summary>
    /// ("NAME-sha256", SHA-256) of every task parameter that names a file or directory (<see cref="ParameterSpec.Input"/>)
    /// and has a value, in declaration order; empty for tasks without inputs. Each file is hashed once per process.
    /// </summary>
    /// <exception cref="InvalidParameterException">A named file or directory is missing or cannot be read.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> InputsOf(ITaskSetting task)
    {
        var inputs = new List<KeyValuePair<string, string>>();
        foreach (var spec in task.Parameters.Specs)
        {
            if (spec.Input == ParameterInput.None || task.Parameters.Text(spec.Name) is not { } path) continue;
            try
            {
                inputs.Add(KeyValuePair.Create(spec.Name + DigestSuffix, ContentDigest.Of(path, spec.Input)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidParameterException(spec.Name,
                    $"invalid {InvalidParameterException.Name(spec.Name)} '{path}' for task {task.Name}: expected {spec.Accepted} that can be read ({e.Message})");
            }
        }
        return inputs.Count == 0 ? NoInputs : inputs.ToArray();
    }

    // One shared empty list, so that specs of tasks without inputs stay equal as records.
    private static readonly KeyValuePair<string, string>[] NoInputs = [];

    /// <summary>("NAME-sha256", SHA-256) of each input file or directory the task parameters name; empty when none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Inputs { get; init; } = NoInputs;

    /// <summary>
    /// Every parameter of the run except the seed, canonical, in a fixed order (task's, the digests of its inputs,
    /// workflow's, then n and T).
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Parameters =>
        Task.Parameters.Canonical
            .Concat(Inputs)
            .Concat(Workflow.Parameters.Canonical)
            .Append(KeyValuePair.Create("samples", Samples.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create("iterations", Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A readable identity: task, workflow, parameters (with the inputs' digests) and seed.</summary>
    public string Key => $"{Task.Name}/{Workflow.Name}/" + string.Join(",", Parameters.Select(p => $"{p.Key}={p.Value}")) + $"/seed={Seed}";

    /// <summary>Stable run id: the first 16 hex digits of SHA-256 of <see cref="Key"/>.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..16];
}
