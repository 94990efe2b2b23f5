using System.Text;

namespace CollapseLab.Reports;

/// <summary>The collapse verdicts as an aligned plain-text table (what <c>collapse report</c> prints).</summary>
public static class VerdictTable
{
    private static readonly string[] Headers = ["task", "workflow", "n", "T", "seeds", "loss", "mean first", "mean last", "ratio", "median slope, last half (95% CI)", "verdict", "rank: last · slope"];

    /// <summary>The table, one row per verdict, numbers in the invariant culture.</summary>
    public static string Format(IReadOnlyList<GroupVerdict> verdicts)
    {
        var ranks = VerdictRanking.Ranks(verdicts);
        var rows = verdicts.Select(v => new[]
        {
            v.Group.TaskTitle,
            v.Group.Workflow + (v.Group.WorkflowParameters.Count > 0 ? $" ({RunGroup.FormatParameters(v.Group.WorkflowParameters)})" : ""),
            ReportFormat.Integer(v.Group.Samples),
            ReportFormat.Integer(v.LastIteration),
            ReportFormat.Integer(v.Seeds),
            v.OnStandIn ? $"{v.Metric} (for {v.Loss})" : v.Metric,
            ReportFormat.Number(v.First),
            ReportFormat.Number(v.Last),
            ReportFormat.Number(v.Ratio, 3),
            SlopeText(v),
            v.VerdictText,
            ranks[v],
        }).ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        bool[] numeric = [false, false, true, true, true, false, true, true, true, false, false, false];
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.Append(string.Join("  ", cells.Select((c, i) => numeric[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd()).Append('\n');
        Line(Headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Line(row);
        return text.ToString();
    }

    /// <summary>"0.0123 [0.0101, 0.0145]" or "—" when there is no slope.</summary>
    public static string SlopeText(GroupVerdict v) =>
        double.IsNaN(v.Slope.Median) ? "—"
        : v.Slope.HasInterval ? $"{ReportFormat.Number(v.Slope.Median, 3)} [{ReportFormat.Number(v.Slope.Low, 3)}, {ReportFormat.Number(v.Slope.High, 3)}]"
        : ReportFormat.Number(v.Slope.Median, 3);
}
