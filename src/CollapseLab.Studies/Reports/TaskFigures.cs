using CollapseLab.Reports.Figures;

namespace CollapseLab.Reports;

/// <summary>What a task's own figure is drawn from: the report's stored runs of that task, nothing simulated.</summary>
/// <param name="Groups">Every group of runs of the task in the report (all its parameter sets, workflows, n and T).</param>
/// <param name="UniqueName">Turns a file stem into one unique within the report and safe as a file name.</param>
/// <param name="Note">Adds a line to the report's notes, e.g. why a figure could not be drawn.</param>
public sealed record TaskFigureInput(IReadOnlyList<RunGroup> Groups, Func<string, string> UniqueName, Action<string> Note);

/// <summary>Draws a task's own figures from <see cref="TaskFigureInput"/>; none when the runs lack what they need.</summary>
/// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
public delegate IEnumerable<RenderedFigure> TaskFigureBuilder(TaskFigureInput input);

/// <summary>One task's figures beyond one per metric, in the order drawn.</summary>
/// <param name="Task">The task's name (its <see cref="Tasks.TaskInfo.Name"/>).</param>
/// <param name="Builders">The figure builders, each drawing none or more figures from the task's stored runs.</param>
public sealed record TaskFigureEntry(string Task, IReadOnlyList<TaskFigureBuilder> Builders);

/// <summary>
/// Per task, the figures a report draws after its metric figures: the one place a task's own figure is registered,
/// and the figures drawn for any task whose runs recorded what they need (by metric, not by task). Generic report code
/// asks <see cref="For"/> and knows no task by name.
/// </summary>
public sealed class TaskFigures
{
    private readonly TaskFigureEntry[] _entries;
    private readonly TaskFigureBuilder[] _anyTask;

    /// <summary>
    /// The figures of <paramref name="entries"/> (entries for the same task are drawn one after the other), then for every
    /// task those of <paramref name="anyTask"/>, each drawing nothing for runs that lack its metrics.
    /// </summary>
    public TaskFigures(IEnumerable<TaskFigureEntry> entries, IEnumerable<TaskFigureBuilder>? anyTask = null) =>
        (_entries, _anyTask) = (entries.ToArray(), (anyTask ?? []).ToArray());

    /// <summary>
    /// This library's task figures: the 1-D Gaussian density picture and the reference study's figures (its notebooks
    /// 07, 11, 12 and 13), each drawn only when the runs hold its data; and for any task whose runs recorded the
    /// tail-likelihood quantiles (the language model's), the tail-density figure. A new figure of a built-in task is one
    /// more builder in its entry.
    /// </summary>
    public static TaskFigures BuiltIn { get; } = new(
    [
        new(Tasks.Gaussian.GaussianSetting.Info.Name, [DensityFigure.Build]),
        new(Tasks.Kde.KdeSetting.Info.Name,
            [i => KdeBandwidthFigure.Build(i.Groups, i.UniqueName), i => KdeEstimatedBandwidthFigure.Build(i.Groups, i.UniqueName)]),
        new(Tasks.Discrete.DiscreteSetting.Info.Name,
            [i => DiscreteFixationFigure.Build(i.Groups, i.UniqueName), i => DiscreteEntropyFigure.Build(i.Groups, i.UniqueName)]),
        new(Tasks.LinReg.LinRegSetting.Info.Name, [i => LinRegNoiseFigure.Build(i.Groups, i.UniqueName)]),
    ], [TailDensityFigure.Build]);

    /// <summary>These figures plus <paramref name="builders"/> for <paramref name="task"/> (a setting defined outside the library, or one more figure of a built-in one).</summary>
    public TaskFigures With(string task, params TaskFigureBuilder[] builders) => new([.. _entries, new(task, builders)], _anyTask);

    /// <summary>The builders registered for <paramref name="task"/>, in order, then those for any task.</summary>
    public IReadOnlyList<TaskFigureBuilder> For(string task) =>
        [.. _entries.Where(e => string.Equals(e.Task, task, StringComparison.Ordinal)).SelectMany(e => e.Builders), .. _anyTask];
}
