using System.Globalization;
using System.Text;
using CollapseLab.Loop;

namespace CollapseLab.Output;

/// <summary>
/// Long-format CSV of run results: one row per (run, iteration, metric) with the columns
/// <c>task,workflow,&lt;each run parameter&gt;,seed,iteration,metric,value</c>. Numbers use the invariant culture
/// and round-trip; ±∞ and NaN are written <c>inf</c>, <c>-inf</c>, <c>nan</c> (as pandas and R read them).
/// </summary>
public static class CsvExporter
{
    /// <summary>Writes <paramref name="results"/> (all of one task, so they share parameter columns) to <paramref name="output"/>.</summary>
    public static void Write(IReadOnlyList<RunResult> results, TextWriter output)
    {
        var parameterNames = results.SelectMany(r => r.Spec.Parameters.Select(p => p.Key)).Distinct().ToArray();
        output.Write("task,workflow,");
        foreach (var name in parameterNames) output.Write(Escape(name) + ",");
        output.Write("seed,iteration,metric,value\n");
        // Rows are gathered into large chunks: one Write per chunk keeps unbuffered writers (the console) fast.
        var chunk = new StringBuilder(1 << 17);
        foreach (var result in results)
        {
            var parameters = result.Spec.Parameters.ToDictionary(p => p.Key, p => p.Value);
            string prefix = Escape(result.Spec.Task.Name) + "," + Escape(result.Spec.Workflow.Name) + ","
                + string.Concat(parameterNames.Select(name => Escape(parameters.GetValueOrDefault(name, "")) + ","))
                + result.Spec.Seed.ToString(CultureInfo.InvariantCulture) + ",";
            foreach (var row in result.Metrics)
            {
                chunk.Append(prefix).Append(row.Iteration.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(row.Metric).Append(',').Append(FormatValue(row.Value)).Append('\n');
                if (chunk.Length < 1 << 16) continue;
                output.Write(chunk);
                chunk.Clear();
            }
        }
        output.Write(chunk);
    }

    /// <summary>A metric value as CSV text: round-trip invariant, or inf / -inf / nan.</summary>
    public static string FormatValue(double value) =>
        double.IsNaN(value) ? "nan" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
}
