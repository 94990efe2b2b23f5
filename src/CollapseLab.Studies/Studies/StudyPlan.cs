using CollapseLab.Sweeps;
using CollapseLab.Tasks;

namespace CollapseLab.Studies;

/// <summary>One part (sweep file) of a built-in study as <c>reproduce --plan</c> shows it, before anything runs.</summary>
/// <param name="Name">The sweep file, e.g. <c>sweeps/reproduce/paper/kde-bandwidth.yaml</c>.</param>
/// <param name="Task">The task it runs, or null when the file could not be read.</param>
/// <param name="Runs">Its runs.</param>
/// <param name="InStore">Of those, the runs the store already holds as completed.</param>
/// <param name="Cost">Expected cost of the runs still to do (<see cref="RunCost.Estimate"/>: the tasks' cost models).</param>
/// <param name="Seconds">The same in seconds of one core (<see cref="RunCost.Seconds"/>), or null when the task's cost was not measured.</param>
/// <param name="Problem">Why the part cannot be planned in this build (its task is missing, its data is not fetched), or null.</param>
public sealed record PartPlan(string Name, string? Task, int Runs, int InStore, double Cost, double? Seconds, string? Problem);

/// <summary><c>collapse reproduce --plan</c>: every part of a built-in study with its runs, the runs already stored and the cost of the rest.</summary>
public static class StudyPlan
{
    /// <summary>
    /// Plans each of <paramref name="files"/> on its own, fetching nothing and running nothing: a part whose task this
    /// build lacks, or whose settings cannot be built (the language model without its corpora), is listed with the
    /// problem instead.
    /// </summary>
    /// <param name="files">The study's sweep files: (name, YAML text).</param>
    /// <param name="completed">Run ids already completed in the store (empty without a store).</param>
    /// <param name="catalog">The task settings and workflows the files are read with.</param>
    public static IReadOnlyList<PartPlan> Of(IReadOnlyList<(string Name, string Yaml)> files, IReadOnlySet<string> completed, TaskCatalog catalog)
    {
        var plans = new List<PartPlan>();
        foreach (var (name, yaml) in files)
        {
            if (BuiltInStudy.TaskOf(yaml) is { } task && !catalog.Contains(task))
            {
                plans.Add(new PartPlan(name, task, 0, 0, 0, null, $"task '{task}' is not available in this build"));
                continue;
            }
            try
            {
                var sweep = SweepFile.Parse(yaml, name, catalog);
                var runs = sweep.Expand();
                int inStore = runs.Count(r => completed.Contains(r.Id));
                var pending = runs.Where(r => !completed.Contains(r.Id)).ToArray();
                var seconds = pending.Select(RunCost.Seconds).ToArray();
                plans.Add(new PartPlan(name, sweep.Task, runs.Count, inStore, pending.Sum(RunCost.Estimate),
                    seconds.All(s => s is not null) ? seconds.Sum() : null, null));
            }
            catch (SweepException e)
            {
                plans.Add(new PartPlan(name, BuiltInStudy.TaskOf(yaml), 0, 0, 0, null, e.Message));
            }
        }
        return plans;
    }
}
