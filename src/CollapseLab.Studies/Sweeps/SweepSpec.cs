using System.Globalization;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Running;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Sweeps;

/// <summary>
/// A grid sweep as plain data: one task setting and the axes of its grid, each a parameter name as the CLI
/// spells it with its values, and the catalogue its names are looked up in. Any parameter the task declares
/// (present or added later), any parameter of a workflow in the catalogue, <c>workflow</c>, <c>samples</c>, <c>iterations</c> and <c>seed</c> can be
/// an axis; parameters without an axis take their defaults (workflow <c>replace</c>, seed 0).
/// <see cref="Expand"/> turns it into the explicit list of runs.
/// </summary>
/// <param name="Task">The task setting's name (<c>gaussian</c>, <c>kde</c>, …).</param>
/// <param name="Axes">The grid's axes, in the order written; runs vary the last axis fastest, seeds last of all.</param>
/// <param name="Catalog">The task settings and workflows the sweep's names refer to.</param>
/// <param name="TaskLocation">Where the task was named, for error messages.</param>
public sealed record SweepSpec(string Task, IReadOnlyList<SweepAxis> Axes, TaskCatalog Catalog, SourceLocation? TaskLocation = null)
{
    /// <summary>The axis that names the workflows (<c>workflow</c>).</summary>
    public const string WorkflowKey = "workflow";
    /// <summary>The axis of seeds (<c>seed</c>), varied last of all.</summary>
    public const string SeedKey = "seed";

    /// <summary>
    /// The most runs a sweep expands to: a run spec and its id take a few hundred bytes, so 10⁷ runs already need
    /// gigabytes before the first one starts. Larger studies are several sweep files (or stores merged).
    /// </summary>
    public const int MaxRuns = 10_000_000;

    /// <summary>Every parameter name a sweep of <paramref name="task"/> over <paramref name="workflows"/> accepts, loop and workflow parameters first.</summary>
    public static IReadOnlyList<string> AcceptedParameters(TaskInfo task, WorkflowCatalog workflows) =>
        new[] { WorkflowKey, SeedKey }
            .Concat(LoopParameters.All.Select(p => p.Name))
            .Concat(task.Parameters.Select(p => p.IsFamily ? p.Name + ".NAME" : p.Name))
            .Concat(workflows.All.SelectMany(w => w.AllParameters).Select(p => p.Name))
            .Distinct().ToArray();

    /// <summary>Whether <paramref name="parameter"/> can be an axis of a sweep of <paramref name="task"/> (a family's members included).</summary>
    public static bool Accepts(TaskInfo task, WorkflowCatalog workflows, string parameter) =>
        AcceptedParameters(task, workflows).Contains(parameter) || task.Parameters.Any(p => p.Matches(parameter));

    /// <summary>
    /// Every run of the grid, each once (runs that coincide, e.g. a workflow parameter that the run's workflow
    /// ignores, are kept once), in grid order.
    /// </summary>
    /// <exception cref="SweepException">Unknown task or parameter, empty axis, invalid value, a combination
    /// the task rejects, a run too large for this machine's memory (<see cref="RunMemory"/>), or more than
    /// <see cref="MaxRuns"/> runs; the message names the place in the sweep file.</exception>
    public IReadOnlyList<RunSpec> Expand()
    {
        var task = Find(() => Catalog.Find(Task), TaskLocation);
        var workflowCatalog = Catalog.Workflows;
        var accepted = AcceptedParameters(task, workflowCatalog);
        var axes = new List<(SweepAxis Axis, string[] Values, SourceLocation?[] Locations)>();
        foreach (var axis in Axes)
        {
            if (!Accepts(task, workflowCatalog, axis.Parameter))
                throw new SweepException(axis.Location, $"unknown parameter '{axis.Parameter}' for task {task.Name}; accepted: {string.Join(", ", accepted)}");
            if (axes.Any(a => a.Axis.Parameter == axis.Parameter))
                throw new SweepException(axis.Location, $"parameter '{axis.Parameter}' is given twice");
            if (axis.Values.Count == 0)
                throw new SweepException(axis.Location, $"empty grid: parameter '{axis.Parameter}' has no values");
            var values = new List<string>();
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            var locations = new List<SourceLocation?>();
            foreach (var value in axis.Values)
            {
                string canonical = Canonicalize(task, axis.Parameter, value);
                if (!distinct.Add(canonical)) continue;
                values.Add(canonical);
                locations.Add(value.Location);
            }
            axes.Add((axis, values.ToArray(), locations.ToArray()));
        }
        // Seeds vary fastest, so the runs of one configuration sit together.
        axes = axes.OrderBy(a => a.Axis.Parameter == SeedKey ? 1 : 0).ToList();
        double gridSize = axes.Aggregate(1.0, (product, a) => product * a.Values.Length);
        if (gridSize > MaxRuns)
            throw new SweepException(TaskLocation, $"the grid has {gridSize.ToString("N0", CultureInfo.InvariantCulture)} runs ({string.Join(" × ", axes.Select(a => $"{a.Values.Length:N0} {a.Axis.Parameter}"))}); "
                + $"a sweep runs at most {MaxRuns:N0}: split it into several sweep files");
        long availableBytes = RunMemory.Available;

        var workflowNames = axes.FirstOrDefault(a => a.Axis.Parameter == WorkflowKey).Values ?? ["replace"];
        var workflowInfos = workflowNames.Select(workflowCatalog.Find).ToArray();
        foreach (var (axis, _, _) in axes.Where(a => IsWorkflowParameter(task, a.Axis.Parameter)))
            if (!workflowInfos.Any(w => w.AllParameters.Any(p => p.Name == axis.Parameter)))
                throw new SweepException(axis.Location,
                    $"parameter '{axis.Parameter}' applies to none of this sweep's workflows ({string.Join(", ", workflowNames)}); it applies to {string.Join(", ", workflowCatalog.All.Where(w => w.AllParameters.Any(p => p.Name == axis.Parameter)).Select(w => w.Name))}");

        var runs = new List<RunSpec>();
        var seen = new HashSet<string>();
        var tasks = new Dictionary<string, ITaskSetting>();
        var workflows = new Dictionary<string, IWorkflow>();
        var choice = new int[axes.Count];
        while (true)
        {
            var chosen = new Dictionary<string, (string Value, SourceLocation? Location)>();
            for (int i = 0; i < axes.Count; i++) chosen[axes[i].Axis.Parameter] = (axes[i].Values[choice[i]], axes[i].Locations[choice[i]]);
            var run = Build(task, chosen, tasks, workflows, availableBytes);
            if (seen.Add(run.Id)) runs.Add(run);

            int k = axes.Count - 1;
            while (k >= 0 && ++choice[k] == axes[k].Values.Length) choice[k--] = 0;
            if (k < 0) break;
        }
        return runs;
    }

    private RunSpec Build(TaskInfo task, Dictionary<string, (string Value, SourceLocation? Location)> chosen,
        Dictionary<string, ITaskSetting> tasks, Dictionary<string, IWorkflow> workflows, long availableBytes)
    {
        try
        {
            var taskValues = chosen.Where(c => task.Parameters.Any(p => p.Matches(c.Key))).ToDictionary(c => c.Key, c => c.Value.Value);
            string taskKey = string.Join("\n", taskValues.Select(p => $"{p.Key}={p.Value}"));
            if (!tasks.TryGetValue(taskKey, out var setting)) tasks[taskKey] = setting = Catalog.Create(task.Name, taskValues);

            var workflowInfo = Catalog.Workflows.Find(chosen.TryGetValue(WorkflowKey, out var w) ? w.Value : "replace");
            var workflowValues = workflowInfo.AllParameters.Where(p => chosen.ContainsKey(p.Name)).ToDictionary(p => p.Name, p => chosen[p.Name].Value);
            string workflowKey = workflowInfo.Name + "\n" + string.Join("\n", workflowValues.Select(p => $"{p.Key}={p.Value}"));
            if (!workflows.TryGetValue(workflowKey, out var workflow)) workflows[workflowKey] = workflow = workflowInfo.Create(ParameterValues.Parse(workflowInfo.AllParameters, workflowValues, $"workflow {workflowInfo.Name}"));

            var loopValues = ParameterValues.Parse(LoopParameters.All,
                LoopParameters.All.Where(p => chosen.ContainsKey(p.Name)).ToDictionary(p => p.Name, p => chosen[p.Name].Value), "sweep");
            ulong seed = chosen.TryGetValue(SeedKey, out var s) ? ulong.Parse(s.Value, CultureInfo.InvariantCulture) : 0;
            var run = RunSpec.Create(setting, workflow, loopValues.Int(LoopParameters.Samples.Name), loopValues.Int(LoopParameters.Iterations.Name), seed);
            RunMemory.Check(run, availableBytes);
            return run;
        }
        catch (InvalidParameterException e)
        {
            var location = chosen.TryGetValue(e.Parameter, out var c) ? c.Location : TaskLocation;
            string combination = string.Join(", ", chosen.Where(p => p.Key != SeedKey).Select(p => $"{p.Key}={p.Value.Value}"));
            throw new SweepException(location, $"{e.Message} (in the grid point {combination})");
        }
    }

    private string Canonicalize(TaskInfo task, string parameter, SweepValue value)
    {
        if (parameter == WorkflowKey) return Find(() => Catalog.Workflows.Find(value.Text), value.Location).Name;
        if (parameter == SeedKey)
            return ulong.TryParse(value.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
                ? seed.ToString(CultureInfo.InvariantCulture)
                : throw new SweepException(value.Location, $"invalid seed '{value.Text}': expected a non-negative integer");
        var spec = LoopParameters.All.Concat(task.Parameters).Concat(Catalog.Workflows.All.SelectMany(w => w.AllParameters))
            .First(p => p.Matches(parameter));
        return spec.Canonicalize(value.Text)
            ?? throw new SweepException(value.Location, $"invalid {parameter} '{value.Text}': expected {spec.Accepted}");
    }

    private static bool IsWorkflowParameter(TaskInfo task, string parameter) =>
        parameter is not (WorkflowKey or SeedKey)
        && LoopParameters.All.All(p => p.Name != parameter)
        && !task.Parameters.Any(p => p.Matches(parameter));

    private static T Find<T>(Func<T> find, SourceLocation? location)
    {
        try
        {
            return find();
        }
        catch (InvalidParameterException e)
        {
            throw new SweepException(location, e.Message);
        }
    }
}
