using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Workflows;

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

    /// <summary>
    /// The setting's exact expected metric values where a closed form is known (reports draw them over the simulated
    /// means, tests check simulations against them); null when it has none.
    /// </summary>
    public TaskTheory? Theory { get; init; }

    /// <summary>
    /// For a parameter whose default changed after earlier versions left it out of stored runs at its default: the value
    /// such a run had. Reading a results store fills it into a stored run that lacks the parameter, so an old run is
    /// rebuilt as it ran, not under today's default. Empty for most settings.
    /// </summary>
    public IReadOnlyDictionary<string, string> StoredDefaults { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The task settings a caller works with, by name, and the workflows their runs may use (<see cref="Workflows"/>):
/// what parsing a sweep file, reading a results store and reproducing a study build runs from. Immutable: a caller
/// with a setting of its own builds a catalogue holding it (<c>TaskCatalog.BuiltIn.With(MySetting.Info)</c>), and
/// whatever reads names (a store holding language-model runs, a sweep over a custom workflow) is handed that catalogue.
/// </summary>
public sealed class TaskCatalog
{
    private readonly TaskInfo[] _all;

    /// <summary>A catalogue of <paramref name="tasks"/> whose runs may use <paramref name="workflows"/> (default: <see cref="WorkflowCatalog.BuiltIn"/>).</summary>
    /// <exception cref="ArgumentException">Two tasks share a name (names are compared ignoring case).</exception>
    public TaskCatalog(IEnumerable<TaskInfo> tasks, WorkflowCatalog? workflows = null)
    {
        _all = tasks.ToArray();
        if (_all.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"task '{twice.Key}' is in the catalogue twice", nameof(tasks));
        Workflows = workflows ?? WorkflowCatalog.BuiltIn;
    }

    /// <summary>A catalogue of <paramref name="tasks"/> with the built-in workflows.</summary>
    public TaskCatalog(params TaskInfo[] tasks) : this(tasks, null)
    {
    }

    /// <summary>
    /// The settings of this library: gaussian, kde, discrete, linreg, external. The language model lives in
    /// CollapseLab.Lm: <c>TaskCatalog.BuiltIn.With(LmSetting.Info)</c>.
    /// </summary>
    public static TaskCatalog BuiltIn { get; } = new(
        Gaussian.GaussianSetting.Info,
        Kde.KdeSetting.Info,
        Discrete.DiscreteSetting.Info,
        LinReg.LinRegSetting.Info,
        External.ExternalSetting.Info);

    /// <summary>Every task, in the order given.</summary>
    public IReadOnlyList<TaskInfo> All => _all;

    /// <summary>The workflows runs of these tasks may use.</summary>
    public WorkflowCatalog Workflows { get; }

    /// <summary>This catalogue plus <paramref name="tasks"/>.</summary>
    /// <exception cref="ArgumentException">A task's name is already in the catalogue.</exception>
    public TaskCatalog With(params TaskInfo[] tasks) => new([.. _all, .. tasks], Workflows);

    /// <summary>This catalogue's tasks with <paramref name="workflows"/> instead of its workflows.</summary>
    public TaskCatalog With(WorkflowCatalog workflows) => new(_all, workflows);

    /// <summary>The task named <paramref name="name"/> with <paramref name="parameters"/> (name → text).</summary>
    /// <exception cref="InvalidParameterException">Unknown task or invalid parameter.</exception>
    public ITaskSetting Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var info = Find(name);
        return info.Create(ParameterValues.Parse(info.Parameters, parameters ?? new Dictionary<string, string>(), $"task {info.Name}"));
    }

    /// <exception cref="InvalidParameterException">Unknown task.</exception>
    public TaskInfo Find(string name) =>
        TryFind(name) ?? throw new InvalidParameterException("task", $"unknown task '{name}'; accepted: {string.Join(", ", _all.Select(t => t.Name))}");

    /// <summary>The task named <paramref name="name"/> (ignoring case), or null.</summary>
    public TaskInfo? TryFind(string name) =>
        _all.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a task named <paramref name="name"/> is in the catalogue.</summary>
    public bool Contains(string name) => TryFind(name) is not null;
}
