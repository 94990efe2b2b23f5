namespace CollapseLab.Reports.Figures;

/// <summary>
/// What the reference study's figures share: its panel order of workflows, a file stem from a task's shown
/// parameters, and a metric's mean over seeds by iteration.
/// </summary>
internal static class FigureGrid
{
    /// <summary>The workflow panels of <paramref name="groups"/> in the reference's order (Replace, Accumulate-Subsample, Accumulate, others), by <see cref="PanelKey"/>.</summary>
    public static IReadOnlyList<string> WorkflowPanels(IEnumerable<RunGroup> groups) =>
        groups.GroupBy(PanelKey).OrderBy(g => g.First().WorkflowRank).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToArray();

    /// <summary>The workflow with its parameters: groups in one panel share it.</summary>
    public static string PanelKey(RunGroup group) => group.Workflow + "/" + RunGroup.FormatParameters(group.WorkflowParameters);

    /// <summary>The shown task parameters of <paramref name="group"/> except <paramref name="varied"/>, which a figure puts on an axis or facet.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> FixedParameters(RunGroup group, string varied) =>
        group.ShownTaskParameters.Where(p => p.Key != varied).ToArray();

    /// <summary>"kde-datasetmoons-noise0.05-T1000-vs-bandwidth": task, fixed parameters, T and what the figure shows.</summary>
    public static string Stem(RunGroup group, string varied, string what) =>
        string.Join("-", new[] { Report.Sanitize(group.Task) }
            .Concat(FixedParameters(group, varied).Select(p => Report.Sanitize(p.Key + p.Value)))
            .Append($"t{group.Iterations}").Append(what));

    /// <summary>"kde (dataset=moons, noise=0.05)": the task and the parameters every panel of the figure shares.</summary>
    public static string Title(RunGroup group, string varied) =>
        group.Task + (FixedParameters(group, varied) is { Count: > 0 } shown ? $" ({RunGroup.FormatParameters(shown)})" : "");

    /// <summary>The mean over seeds (with its 95% interval) of <paramref name="metric"/> in <paramref name="group"/> at every iteration recorded.</summary>
    public static IReadOnlyDictionary<int, SeedSummary> ByIteration(RunGroup group, string metric) =>
        MetricSeries.Of(group, metric).Points.ToDictionary(p => p.Iteration, p => p.Summary);

    /// <summary>"3 seeds", or "2–3 seeds" when the groups differ.</summary>
    public static string SeedText(IEnumerable<int> counts)
    {
        var all = counts.DefaultIfEmpty(0).ToArray();
        int min = all.Min(), max = all.Max();
        return min == max ? $"{max} seed{(max == 1 ? "" : "s")}" : $"{min}–{max} seeds";
    }
}
