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

/// <summary>Every workflow by name.</summary>
public static class WorkflowCatalog
{
    /// <summary>Every workflow, in the order help and reports list them.</summary>
    public static IReadOnlyList<WorkflowInfo> All { get; } =
    [
        new("replace", "train on the newest generation only", [], p => new Replace(p)),
        new("accumulate", "train on the real data and every synthetic generation so far", [], p => new Accumulate(p)),
        new("accumulate-subsample", "train on n samples drawn without replacement from the whole accumulated pool", [], p => new AccumulateSubsample(p)),
        new("fresh", "replace, with --fresh-real k new real samples joining (and training) every generation", [], p => new Fresh(p)),
        new("mix", "train on n samples: a fixed fraction from the newest synthetic generation, the rest real", Mix.Specs, p => new Mix(p)),
        new("keep-real-subsample", "train on all real data plus a uniform synthetic subsample up to --train-size", KeepRealSubsample.Specs, p => new KeepRealSubsample(p)),
        new("window", "train on the last k generations", Window.Specs, p => new Window(p)),
    ];

    /// <summary>The workflow named <paramref name="name"/> with <paramref name="parameters"/> (name → text).</summary>
    /// <exception cref="InvalidParameterException">Unknown workflow or invalid parameter.</exception>
    public static IWorkflow Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var info = Find(name);
        return info.Create(ParameterValues.Parse(info.AllParameters, parameters ?? new Dictionary<string, string>(), $"workflow {info.Name}"));
    }

    /// <summary>The default parameter values of workflow <paramref name="name"/>.</summary>
    public static ParameterValues Defaults(string name) =>
        ParameterValues.Parse(Find(name).AllParameters, new Dictionary<string, string>(), $"workflow {name}");

    /// <exception cref="InvalidParameterException">Unknown workflow.</exception>
    public static WorkflowInfo Find(string name) =>
        All.FirstOrDefault(w => string.Equals(w.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidParameterException("workflow", $"unknown workflow '{name}'; accepted: {string.Join(", ", All.Select(w => w.Name))}");
}
