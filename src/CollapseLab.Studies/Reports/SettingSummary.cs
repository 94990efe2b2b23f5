using System.Globalization;

namespace CollapseLab.Reports;

/// <summary>
/// The headline screen's words for one <see cref="ReportSetting"/>: its rows (configurations: n, and T where the
/// setting has several), its columns (workflows, in the reference study's order), and a plain-language paragraph
/// generated from the verdicts ("Replace diverges for every n; Accumulate stays within 5% of its first iteration …").
/// </summary>
public static class SettingSummary
{
    /// <summary>The configurations of <paramref name="setting"/>, ordered by n then T.</summary>
    public static IReadOnlyList<(int Samples, int Iterations)> Rows(ReportSetting setting) =>
        setting.Groups.Select(g => (g.Samples, g.Iterations)).Distinct().OrderBy(r => r.Samples).ThenBy(r => r.Iterations).ToArray();

    /// <summary>The workflow columns of <paramref name="setting"/>: one per workflow and workflow parameters, Replace | Accumulate-Subsample | Accumulate first.</summary>
    public static IReadOnlyList<string> Columns(ReportSetting setting) =>
        setting.Groups.OrderBy(g => g.WorkflowRank).ThenBy(WorkflowLabel, StringComparer.Ordinal).Select(WorkflowLabel).Distinct().ToArray();

    /// <summary>"accumulate-subsample" or "replace (fresh-real=0.1)".</summary>
    public static string WorkflowLabel(RunGroup group) =>
        group.Workflow + (group.WorkflowParameters.Count > 0 ? $" ({RunGroup.FormatParameters(group.WorkflowParameters)})" : "");

    /// <summary>"n = 10", or "n = 10, T = 50" when the setting has several T.</summary>
    public static string RowLabel(ReportSetting setting, (int Samples, int Iterations) row) =>
        $"n = {row.Samples}" + (setting.Groups.Select(g => g.Iterations).Distinct().Count() > 1 ? $", T = {row.Iterations}" : "");

    /// <summary>The verdict of the group in <paramref name="row"/> and <paramref name="column"/>, or null when there is none.</summary>
    public static GroupVerdict? Cell(ReportSetting setting, (int Samples, int Iterations) row, string column) =>
        setting.Verdicts.FirstOrDefault(v => v.Group.Samples == row.Samples && v.Group.Iterations == row.Iterations && WorkflowLabel(v.Group) == column);

    /// <summary>One paragraph: per workflow what its verdicts say, then which verdicts were taken on a stand-in metric.</summary>
    public static string Paragraph(ReportSetting setting)
    {
        var rows = Rows(setting);
        var sentences = new List<string>();
        foreach (var column in Columns(setting))
        {
            var cells = rows.Select(r => (Row: r, Verdict: Cell(setting, r, column))).Where(c => c.Verdict is not null).ToArray();
            var parts = cells.GroupBy(c => Phrase(c.Verdict!)).Select(bucket =>
            {
                string where = bucket.Count() == cells.Length && cells.Length > 1 ? "for every n" : "for " + Configurations(setting, bucket.Select(c => c.Row).ToArray());
                string when = bucket.Key == CollapsedPhrase ? $" (median iteration {string.Join(", ", bucket.Select(c => ReportFormat.Number(c.Verdict!.CollapseIteration.Median, 3)))})" : "";
                return $"{bucket.Key} {where}{when}";
            }).ToArray();
            string name = char.ToUpperInvariant(column[0]) + column[1..];
            sentences.Add(name + " " + Join(parts));
        }
        var standIns = setting.Verdicts.Where(v => v.OnStandIn).ToArray();
        foreach (var byMetric in standIns.GroupBy(v => (v.Loss, v.Metric)))
            sentences.Add($"Where {byMetric.Key.Loss} is not finite from the first iteration ({Configurations(setting, byMetric.Select(v => (v.Group.Samples, v.Group.Iterations)).Distinct().ToArray())}), the verdict is taken on {byMetric.Key.Metric}");
        return sentences.Count == 0 ? "No verdicts." : string.Join("; ", sentences) + ".";
    }

    private const string CollapsedPhrase = "collapses to a degenerate state";

    private static string Phrase(GroupVerdict v) => v.Verdict switch
    {
        Verdict.Collapsed => CollapsedPhrase,
        Verdict.Diverging => "diverges",
        Verdict.Plateauing => "rises, then levels off",
        Verdict.Stable when Math.Abs(v.Change.Median) <= v.Tolerance =>
            $"stays within {ReportFormat.Number(100 * VerdictRule.MaterialFraction)}% of its first iteration",
        Verdict.Stable => "shows no significant change",
        Verdict.Improving => "improves",
        _ => "is undetermined",
    };

    private static string Configurations(ReportSetting setting, IReadOnlyList<(int Samples, int Iterations)> rows) =>
        setting.Groups.Select(g => g.Iterations).Distinct().Count() > 1
            ? string.Join(", ", rows.Select(r => RowLabel(setting, r)))
            : "n = " + string.Join(", ", rows.Select(r => r.Samples.ToString(CultureInfo.InvariantCulture)));

    private static string Join(IReadOnlyList<string> parts) =>
        parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
}
