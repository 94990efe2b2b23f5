using CollapseLab.Parameters;

namespace CollapseLab.Workflows;

/// <summary>One workflow users can name: its meaning, its own parameters and how to build it.</summary>
/// <param name="Name">The name users write (<c>replace</c>, <c>accumulate</c>, …).</param>
/// <param name="Description">One line for help and reports.</param>
/// <param name="Parameters">The workflow's own parameters; every workflow also accepts <see cref="Workflow.Modifiers"/>.</param>
/// <param name="Create">Builds the workflow from parameter values parsed against <see cref="AllParameters"/>.</param>
public sealed record WorkflowInfo(string Name, string Description, IReadOnlyList<ParameterSpec> Parameters, Func<ParameterValues, IWorkflow> Create)
{
    /// <summary>Own parameters followed by the shared modifiers.</summary>
    public IReadOnlyList<ParameterSpec> AllParameters => [.. Parameters, .. Workflow.Modifiers];
}

/// <summary>
/// The workflows a caller works with, by name, in the order reports show them. Immutable: a workflow defined outside
/// the library joins through <c>WorkflowCatalog.BuiltIn.With(info)</c>, and the catalogue goes, inside a
/// <see cref="Tasks.TaskCatalog"/>, to whatever reads workflow names (sweep files, results stores).
/// </summary>
public sealed class WorkflowCatalog
{
    private readonly WorkflowInfo[] _all;

    /// <summary>A catalogue of <paramref name="workflows"/>, in report order.</summary>
    /// <exception cref="ArgumentException">Two workflows share a name (names are compared ignoring case).</exception>
    public WorkflowCatalog(IEnumerable<WorkflowInfo> workflows)
    {
        _all = workflows.ToArray();
        if (_all.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"workflow '{twice.Key}' is in the catalogue twice", nameof(workflows));
    }

    /// <summary>
    /// This library's workflows: the reference study's three in its panel order (Replace, Accumulate-Subsample,
    /// Accumulate), then the others.
    /// </summary>
    public static WorkflowCatalog BuiltIn { get; } = new(
    [
        new("replace", "train on the newest generation only", [], p => new Replace(p)),
        new("accumulate-subsample", "train on n samples drawn without replacement from the whole accumulated pool", [], p => new AccumulateSubsample(p)),
        new("accumulate", "train on the real data and every synthetic generation so far", [], p => new Accumulate(p)),
        new("fresh", "replace, with --fresh-real k new real samples joining (and training) every generation", [], p => new Fresh(p)),
        new("mix", "train on n samples: a fixed fraction from the newest synthetic generation, the rest real", Mix.Specs, p => new Mix(p)),
        new("keep-real-subsample", "train on all real data plus a uniform synthetic subsample up to --train-size", KeepRealSubsample.Specs, p => new KeepRealSubsample(p)),
        new("window", "train on the last k generations", Window.Specs, p => new Window(p)),
    ]);

    /// <summary>Every workflow, in report order.</summary>
    public IReadOnlyList<WorkflowInfo> All => _all;

    /// <summary>This catalogue plus <paramref name="workflows"/> (shown after the others).</summary>
    /// <exception cref="ArgumentException">A workflow's name is already in the catalogue.</exception>
    public WorkflowCatalog With(params WorkflowInfo[] workflows) => new([.. _all, .. workflows]);

    /// <summary>The workflow named <paramref name="name"/> with <paramref name="parameters"/> (name → text).</summary>
    /// <exception cref="InvalidParameterException">Unknown workflow or invalid parameter.</exception>
    public IWorkflow Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var info = Find(name);
        return info.Create(ParameterValues.Parse(info.AllParameters, parameters ?? new Dictionary<string, string>(), $"workflow {info.Name}"));
    }

    /// <summary>The default parameter values of workflow <paramref name="name"/>.</summary>
    public ParameterValues Defaults(string name) =>
        ParameterValues.Parse(Find(name).AllParameters, new Dictionary<string, string>(), $"workflow {name}");

    /// <exception cref="InvalidParameterException">Unknown workflow.</exception>
    public WorkflowInfo Find(string name) =>
        TryFind(name) ?? throw new InvalidParameterException("workflow", $"unknown workflow '{name}'; accepted: {string.Join(", ", _all.Select(w => w.Name))}");

    /// <summary>The workflow named <paramref name="name"/> (ignoring case), or null.</summary>
    public WorkflowInfo? TryFind(string name) =>
        _all.FirstOrDefault(w => string.Equals(w.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Where <paramref name="workflow"/> stands in report order: its catalogue position when it runs with its
    /// defaults; after every plain workflow when it has parameters (a reference workflow with fresh real data) or is
    /// not in the catalogue.
    /// </summary>
    public int Rank(IWorkflow workflow)
    {
        int index = Array.FindIndex(_all, w => w.Name == workflow.Name);
        return index < 0 || workflow.Parameters.Canonical.Any() ? _all.Length : index;
    }
}
