using CollapseLab.Loop;
using CollapseLab.Tasks;

namespace CollapseLab.Reports;

/// <summary>
/// Runs that differ only in their seed: one task setting, one workflow and one set of parameters (task's,
/// workflow's, n and T). Statistics over seeds are taken within a group.
/// </summary>
public sealed class RunGroup
{
    /// <summary>The task's name (<c>gaussian</c>, <c>kde</c>, …).</summary>
    public string Task { get; }

    /// <summary>The workflow's name (<c>replace</c>, …).</summary>
    public string Workflow { get; }

    /// <summary>The task's canonical parameters, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TaskParameters { get; }

    /// <summary>The workflow's canonical parameters, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> WorkflowParameters { get; }

    /// <summary>n, samples per generation.</summary>
    public int Samples { get; }

    /// <summary>T, the iteration cap.</summary>
    public int Iterations { get; }

    /// <summary>The group's runs, one per seed, in ascending seed order; failed runs included.</summary>
    public IReadOnlyList<RunResult> Runs { get; }

    /// <summary>The first run's spec: the task setting and workflow objects every run of the group shares.</summary>
    public RunSpec Representative { get; }

    /// <summary>A readable identity: task/workflow/parameters (all but the seed).</summary>
    public string Key { get; }

    /// <summary>Runs that ended with an error (their metrics up to the error are kept).</summary>
    public int Failed => Runs.Count(r => !r.Succeeded);

    /// <summary>The task's catalogue entry (its theory), or null when the catalogue the group was made with lacks it.</summary>
    public TaskInfo? Info { get; }

    /// <summary>
    /// Where the group's workflow stands in report order (<see cref="Workflows.WorkflowCatalog.Rank"/>): the reference
    /// study's panel order, plain Replace, Accumulate-Subsample, Accumulate, then the other workflows, then any with
    /// modifiers such as fresh real data.
    /// </summary>
    public int WorkflowRank { get; }

    private RunGroup(RunSpec spec, IReadOnlyList<RunResult> runs, string key, TaskCatalog catalog)
    {
        Info = catalog.TryFind(spec.Task.Name);
        WorkflowRank = catalog.Workflows.Rank(spec.Workflow);
        Task = spec.Task.Name;
        Workflow = spec.Workflow.Name;
        TaskParameters = spec.Task.Parameters.Canonical.ToArray();
        WorkflowParameters = spec.Workflow.Parameters.Canonical.ToArray();
        Samples = spec.Samples;
        Iterations = spec.Iterations;
        Runs = runs;
        Key = key;
        Representative = spec;
    }

    /// <summary>
    /// Groups <paramref name="results"/> by everything but the seed, ordered by task, task parameters, workflow
    /// (<see cref="WorkflowRank"/>, from <paramref name="catalog"/>'s workflows), n and T. A seed that appears twice in a
    /// group is counted once (the first).
    /// </summary>
    public static IReadOnlyList<RunGroup> From(IEnumerable<RunResult> results, TaskCatalog catalog) =>
        results
            .GroupBy(r => KeyOf(r.Spec), StringComparer.Ordinal)
            .Select(g => new RunGroup(g.First().Spec, g.DistinctBy(r => r.Spec.Seed).OrderBy(r => r.Spec.Seed).ToArray(), g.Key, catalog))
            .OrderBy(g => g.Task, StringComparer.Ordinal)
            .ThenBy(g => FormatParameters(g.TaskParameters), StringComparer.Ordinal)
            .ThenBy(g => g.WorkflowRank)
            .ThenBy(g => g.Workflow, StringComparer.Ordinal)
            .ThenBy(g => FormatParameters(g.WorkflowParameters), StringComparer.Ordinal)
            .ThenBy(g => g.Samples)
            .ThenBy(g => g.Iterations)
            .ToArray();

    /// <summary>
    /// The task parameters that apply to the data set or variant shown (their declarations' <c>AppliesWhen</c>), for
    /// titles and captions: kde moons without factor, features, centers and cluster-std.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ShownTaskParameters => ShownParameters(Representative.Task.Parameters.Specs, TaskParameters);

    /// <summary>The entries of <paramref name="parameters"/> that apply by their declarations <paramref name="specs"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ShownParameters(IReadOnlyList<Parameters.ParameterSpec> specs, IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        Parameters.ParameterCondition.Applicable(specs, parameters);

    /// <summary>"kde (dataset=moons, noise=0.05, bandwidth=0.5)": the task and its applicable parameters.</summary>
    public string TaskTitle => Task + (ShownTaskParameters.Count > 0 ? $" ({FormatParameters(ShownTaskParameters)})" : "");

    /// <summary>The task parameter <paramref name="name"/>, or null.</summary>
    public string? TaskParameter(string name) => TaskParameters.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>
    /// The values of <paramref name="metric"/> of one run by iteration (the last value when an iteration repeats).
    /// A run that succeeded but stopped before T (it reached an absorbing state, such as a discrete distribution fixed
    /// on one outcome) keeps its last value up to the last iteration any run of the group reached (at most T; the
    /// reference's replicate_final_rows_up_to_group_max), so averages over seeds are not taken over survivors only, and a
    /// group run to fixation under a cap of 10⁷ iterations is not extended to the cap; a metric recorded once per run
    /// (fixation_iteration) is not extended, nor is a failed run.
    /// </summary>
    public SortedDictionary<int, double> Trajectory(RunResult run, string metric)
    {
        var values = new SortedDictionary<int, double>();
        foreach (var row in run.Metrics)
            if (row.Metric == metric) values[row.Iteration] = row.Value;
        if (run.Succeeded && values.Count >= 2 && StoppedEarly(run))
        {
            var (last, value) = (values.Keys.Last(), values.Values.Last());
            if (last == LastIteration(run))
                for (int t = last + 1; t <= GroupLastIteration; t++) values[t] = value;
        }
        return values;
    }

    /// <summary>Runs that succeeded but ended before T (their metrics are carried to T by <see cref="Trajectory"/>).</summary>
    public int StoppedEarlyCount => Runs.Count(r => r.Succeeded && StoppedEarly(r));

    private bool StoppedEarly(RunResult run) => LastIteration(run) < Iterations;

    private int GroupLastIteration => _groupLastIteration ??= Runs.Max(LastIteration);
    private int? _groupLastIteration;

    private static int LastIteration(RunResult run) => run.Metrics.Count == 0 ? 0 : run.Metrics.Max(m => m.Iteration);

    /// <summary>Every metric name the group's runs recorded, in first-seen order.</summary>
    public IReadOnlyList<string> Metrics => Runs.SelectMany(r => r.Metrics.Select(m => m.Metric)).Distinct().ToArray();

    /// <summary>"a=1, b=2".</summary>
    public static string FormatParameters(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"));

    private static string KeyOf(RunSpec spec) =>
        $"{spec.Task.Name}/{spec.Workflow.Name}/" + string.Join(",", spec.Parameters.Select(p => $"{p.Key}={p.Value}"));
}
