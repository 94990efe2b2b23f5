using CollapseLab.Parameters;

namespace CollapseLab.Workflows;

/// <summary>One workflow users can name: its meaning, parameters and how to build it.</summary>
public sealed record WorkflowInfo(string Name, string Description, IReadOnlyList<ParameterSpec> Parameters, Func<ParameterValues, IWorkflow> Create);

/// <summary>Every workflow by name.</summary>
public static class WorkflowCatalog
{
    public static IReadOnlyList<WorkflowInfo> All { get; } =
    [
        new("replace", "train on the newest generation only", [], _ => new Replace()),
        new("accumulate", "train on the real data and every synthetic generation so far", [], _ => new Accumulate()),
        new("accumulate-subsample", "train on n samples drawn without replacement from the whole accumulated pool", [], _ => new AccumulateSubsample()),
    ];

    /// <summary>The workflow named <paramref name="name"/> with <paramref name="parameters"/> (name → text).</summary>
    /// <exception cref="InvalidParameterException">Unknown workflow or invalid parameter.</exception>
    public static IWorkflow Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var info = Find(name);
        return info.Create(ParameterValues.Parse(info.Parameters, parameters ?? new Dictionary<string, string>(), $"workflow {info.Name}"));
    }

    /// <exception cref="InvalidParameterException">Unknown workflow.</exception>
    public static WorkflowInfo Find(string name) =>
        All.FirstOrDefault(w => string.Equals(w.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidParameterException("workflow", $"unknown workflow '{name}'; accepted: {string.Join(", ", All.Select(w => w.Name))}");
}
