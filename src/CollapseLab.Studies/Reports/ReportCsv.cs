using System.Globalization;
using CollapseLab.Output;

namespace CollapseLab.Reports;

/// <summary>
/// The numbers behind a report as CSV, for anyone re-plotting them: <c>aggregates.csv</c> (mean and 95% CI per group,
/// iteration and metric) and <c>verdicts.csv</c>. Columns: task, workflow, every parameter (blank where a group has
/// none), then the values; numbers are invariant and round-trip (inf, -inf, nan as pandas and R read them).
/// </summary>
public static class ReportCsv
{
    /// <summary>One row per (group, iteration, metric).</summary>
    public static void WriteAggregates(IReadOnlyList<RunGroup> groups, TextWriter output)
    {
        var parameters = ParameterNames(groups);
        output.Write(Header(parameters) + ",iteration,metric,seeds,non_finite,mean,sd,ci_low,ci_high\n");
        foreach (var group in groups)
        {
            string prefix = Prefix(group, parameters);
            foreach (var metric in group.Metrics)
                foreach (var (iteration, s) in MetricSeries.Of(group, metric).Points)
                    output.Write($"{prefix},{Int(iteration)},{Escape(metric)},{Int(s.Count)},{Int(s.NonFinite)},{Value(s.Mean)},{Value(s.StandardDeviation)},{Value(s.CiLow)},{Value(s.CiHigh)}\n");
        }
    }

    /// <summary>One row per verdict.</summary>
    public static void WriteVerdicts(IReadOnlyList<GroupVerdict> verdicts, TextWriter output)
    {
        var parameters = ParameterNames(verdicts.Select(v => v.Group).ToArray());
        output.Write(Header(parameters) + ",loss,metric,seeds,first_iteration,last_iteration,first_mean,last_mean,ratio,slope_from,slope_median,slope_ci_low,slope_ci_high,change_median,change_ci_low,change_ci_high,tolerance,collapsed_seeds,collapse_iteration_median,collapse_iteration_ci_low,collapse_iteration_ci_high,verdict,reason\n");
        foreach (var v in verdicts)
            output.Write($"{Prefix(v.Group, parameters)},{Escape(v.Loss)},{Escape(v.Metric)},{Int(v.Seeds)},{Int(v.FirstIteration)},{Int(v.LastIteration)},{Value(v.First)},{Value(v.Last)},{Value(v.Ratio)}," +
                $"{Int(v.SlopeFrom)},{Value(v.Slope.Median)},{Value(v.Slope.Low)},{Value(v.Slope.High)},{Value(v.Change.Median)},{Value(v.Change.Low)},{Value(v.Change.High)}," +
                $"{Value(v.Tolerance)},{Int(v.CollapsedSeeds)},{Value(v.CollapseIteration.Median)},{Value(v.CollapseIteration.Low)},{Value(v.CollapseIteration.High)},{v.VerdictText},{Escape(v.Reason)}\n");
    }

    private static string[] ParameterNames(IReadOnlyList<RunGroup> groups) =>
        groups.SelectMany(g => g.TaskParameters.Concat(g.WorkflowParameters).Select(p => p.Key)).Distinct()
            .Append("samples").Append("iterations").ToArray();

    private static string Header(string[] parameters) => "task,workflow," + string.Join(",", parameters.Select(Escape));

    private static string Prefix(RunGroup group, string[] parameters)
    {
        var values = group.TaskParameters.Concat(group.WorkflowParameters).ToDictionary(p => p.Key, p => p.Value);
        values["samples"] = Int(group.Samples);
        values["iterations"] = Int(group.Iterations);
        return Escape(group.Task) + "," + Escape(group.Workflow) + "," + string.Join(",", parameters.Select(p => Escape(values.GetValueOrDefault(p, ""))));
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Value(double value) => CsvExporter.FormatValue(value);

    private static string Escape(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
}
