using CollapseLab.Loop;
using CollapseLab.Parameters;

namespace CollapseLab.Tasks;

/// <summary>One task setting users can name: its meaning, parameters and how to build it.</summary>
public sealed record TaskInfo(string Name, string Description, IReadOnlyList<ParameterSpec> Parameters, Func<ParameterValues, ITaskSetting> Create)
{
    /// <summary>
    /// Fetches into the user's cache the data the setting's defaults need (the language model's corpora), skipping
    /// what is already there; null when the setting needs none. <c>collapse reproduce</c> calls it before building
    /// the study's settings. The argument hears one line per step.
    /// </summary>
    /// <remarks>Throws <see cref="TaskDataException"/> when the data cannot be fetched.</remarks>
    public Action<Action<string>>? FetchData { get; init; }
}

/// <summary>Every task setting by name. Settings in other assemblies (the language model) register themselves.</summary>
public static class TaskCatalog
{
    private static readonly List<TaskInfo> _all =
    [
        Gaussian.GaussianSetting.Info,
        Kde.KdeSetting.Info,
        Discrete.DiscreteSetting.Info,
        LinReg.LinRegSetting.Info,
        External.ExternalSetting.Info,
    ];

    /// <summary>The built-in settings in a fixed order, then those registered, in order of registration.</summary>
    public static IReadOnlyList<TaskInfo> All => _all;

    /// <summary>Adds a task setting defined outside this library.</summary>
    public static void Register(TaskInfo info)
    {
        lock (_all)
        {
            if (_all.Any(t => t.Name == info.Name)) return;
            _all.Add(info);
        }
    }

    /// <summary>The task named <paramref name="name"/> with <paramref name="parameters"/> (name → text).</summary>
    /// <exception cref="InvalidParameterException">Unknown task or invalid parameter.</exception>
    public static ITaskSetting Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var info = Find(name);
        return info.Create(ParameterValues.Parse(info.Parameters, parameters ?? new Dictionary<string, string>(), $"task {info.Name}"));
    }

    /// <exception cref="InvalidParameterException">Unknown task.</exception>
    public static TaskInfo Find(string name) =>
        _all.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidParameterException("task", $"unknown task '{name}'; accepted: {string.Join(", ", _all.Select(t => t.Name))}");
}
