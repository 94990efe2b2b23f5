using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollapseLab.Reports.Figures;
using CollapseLab.Reports.Theory;

namespace CollapseLab.Reports.Interactive;

/// <summary>
/// The data and scripts behind index.html's interactive figures: uPlot (vendored from npm, <c>npm pack uplot@1.6.32</c>,
/// MIT licence beside it, pinned by SHA-256) and <c>collapse-charts.js</c>, both inlined, so the page opens offline.
/// Each metric figure becomes a JSON description (per workflow panel, per n: iteration, mean, 95% CI, seeds, exact
/// expectation), every other figure of lines its lines (<see cref="Lines"/>), and each task a parallel-coordinates
/// view of its sweep's parameters against the final loss. A heat map stays an image: uPlot draws no heat maps.
/// </summary>
public static class InteractiveCharts
{
    /// <summary>The version of the vendored uPlot.</summary>
    public const string UPlotVersion = "1.6.32";

    /// <summary>SHA-256 of the vendored files, as npm served them (the package tarball: 4b8a8191e425658e3ea8c8c1314b0fc679c861ee3a1af2b20c7b16ba50b5133d).</summary>
    public static IReadOnlyDictionary<string, string> PinnedSha256 { get; } = new Dictionary<string, string>
    {
        ["uPlot.iife.min.js"] = "19c8d4c6ad88929a79f4ae49d6f7161566dfd0ba3d15cc495e974f787eb78f1f",
        ["uPlot.min.css"] = "df630c6a8d6f8eeaff264b50f73ce5b114f646ffd9a0bb74f049b0a00135fa04",
        ["uPlot.LICENSE"] = "8f989229699b4fe2f1a0432d0e9edc338a8a911e250e2d1b01ecd770a5f5b1bd",
    };

    /// <summary>A vendored or own file of this folder (embedded resource "interactive/NAME"); a pinned file is checked against its hash.</summary>
    /// <exception cref="InvalidOperationException">A pinned file's hash differs (the build embedded something else).</exception>
    public static string Resource(string name)
    {
        using var stream = typeof(InteractiveCharts).Assembly.GetManifestResourceStream("interactive/" + name)
            ?? throw new InvalidOperationException($"resource interactive/{name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (PinnedSha256.TryGetValue(name, out var expected) && Convert.ToHexStringLower(SHA256.HashData(bytes)) != expected)
            throw new InvalidOperationException($"{name}: SHA-256 {Convert.ToHexStringLower(SHA256.HashData(bytes))} differs from the pinned {expected}");
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The JSON for one metric figure of <paramref name="setting"/>.</summary>
    public static JsonObject Chart(ReportSetting setting, string metric, RenderedFigure figure)
    {
        var info = MetricInfo.Of(metric);
        var series = setting.Groups.Select(g => MetricSeries.Of(g, metric).Plotted()).Where(s => s.Points.Count > 0).ToArray();
        var sampleSizes = series.Select(s => s.Group.Samples).Distinct().Order().ToArray();
        string Color(int samples)
        {
            var c = MetricFigures.SampleColor(Array.IndexOf(sampleSizes, samples), sampleSizes.Length);
            return $"#{c.R:x2}{c.G:x2}{c.B:x2}";
        }
        var means = series.SelectMany(s => s.Points.Select(p => p.Summary.Mean)).Where(double.IsFinite).ToArray();
        bool severalCaps = setting.Groups.Select(g => g.Iterations).Distinct().Count() > 1;

        var panels = new JsonArray();
        foreach (var panel in series.GroupBy(s => SettingSummary.WorkflowLabel(s.Group)).OrderBy(g => g.First().Group.WorkflowRank).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var xs = panel.SelectMany(s => s.Points.Select(p => p.Iteration)).Distinct().Order().ToArray();
            var lines = new JsonArray();
            foreach (var s in panel.OrderBy(s => s.Group.Samples).ThenBy(s => s.Group.Iterations))
            {
                var at = s.Points.ToDictionary(p => p.Iteration, p => p.Summary);
                double? Value(int t, Func<SeedSummary, double> pick) => at.TryGetValue(t, out var summary) && double.IsFinite(pick(summary)) ? pick(summary) : null;
                var theory = xs.Select(t => TheoryOverlay.Expectation(s.Group, metric, t) is { } e && double.IsFinite(e) && at.ContainsKey(t) ? e : (double?)null).ToArray();
                lines.Add(new JsonObject
                {
                    ["label"] = $"n = {s.Group.Samples}" + (severalCaps ? $", T = {s.Group.Iterations}" : ""),
                    ["n"] = s.Group.Samples,
                    ["color"] = Color(s.Group.Samples),
                    ["mean"] = Numbers(xs.Select(t => Value(t, x => x.Mean))),
                    ["lo"] = Numbers(xs.Select(t => Value(t, x => x.CiLow))),
                    ["hi"] = Numbers(xs.Select(t => Value(t, x => x.CiHigh))),
                    ["seeds"] = new JsonArray(xs.Select(t => (JsonNode?)(at.TryGetValue(t, out var x) ? x.Count : 0)).ToArray()),
                    ["theory"] = theory.Any(v => v is not null) ? Numbers(theory) : null,
                });
            }
            panels.Add(new JsonObject
            {
                ["title"] = MetricFigures.PanelTitle(panel.First().Group),
                ["x"] = new JsonArray(xs.Select(t => (JsonNode?)t).ToArray()),
                ["series"] = lines,
            });
        }
        var colors = new JsonObject();
        foreach (var n in sampleSizes) colors[n.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Color(n);
        return new JsonObject
        {
            ["name"] = figure.Name,
            ["label"] = info.Label,
            ["log"] = MetricFigures.UseLogScale(means),
            ["logPossible"] = means.Any(m => m > 0),
            ["samples"] = new JsonArray(sampleSizes.Select(n => (JsonNode?)n).ToArray()),
            ["colors"] = colors,
            ["panels"] = panels,
        };
    }

    /// <summary>
    /// The JSON for a figure of lines that is not a metric figure (the Gaussian's fitted densities, a mixture study's
    /// curves): per panel, each line with its own x and y, its 95% band where it has one (same colour and x values), and its legend label
    /// (legend entry i names line i of every panel, as the figures are built). Null for a figure that is not
    /// lines, such as a heat map. A NaN is a gap. The x scale (linear, log, symlog) and the panels per row are the figure's.
    /// </summary>
    public static JsonObject? Lines(RenderedFigure figure)
    {
        if (figure.Spec is not { } spec) return null;
        var panels = new JsonArray();
        foreach (var panel in spec.Panels)
        {
            var lines = new JsonArray();
            for (int i = 0; i < panel.Lines.Count; i++)
            {
                var line = panel.Lines[i];
                // a band is its line's colour, lighter, on the same x values (lines may share their x values)
                var band = panel.Bands.FirstOrDefault(b => (b.Color.R, b.Color.G, b.Color.B) == (line.Color.R, line.Color.G, line.Color.B) && b.Xs.SequenceEqual(line.Xs));
                lines.Add(new JsonObject
                {
                    ["label"] = i < spec.Legend.Count ? spec.Legend[i].Label : $"line {i + 1}",
                    ["color"] = $"#{line.Color.R:x2}{line.Color.G:x2}{line.Color.B:x2}",
                    ["width"] = line.Width,
                    ["dash"] = line.Pattern.Name != ScottPlot.LinePattern.Solid.Name,
                    ["x"] = Numbers(line.Xs.Select(x => (double?)x)),
                    ["y"] = Numbers(line.Ys.Select(Finite)),
                    ["lo"] = band is null ? null : Numbers(band.Lows.Select(Finite)),
                    ["hi"] = band is null ? null : Numbers(band.Highs.Select(Finite)),
                });
            }
            panels.Add(new JsonObject { ["title"] = panel.Title, ["series"] = lines });
        }
        var ys = spec.Panels.SelectMany(p => p.Lines.SelectMany(l => l.Ys)).Where(double.IsFinite).ToArray();
        return new JsonObject
        {
            ["name"] = figure.Name,
            ["label"] = spec.YLabel,
            ["xLabel"] = spec.XLabel,
            ["log"] = spec.LogY,
            // a frame cut at YTop is meant to be read linearly (a collapsed spike would otherwise set the scale)
            ["logPossible"] = spec.YTop is null && ys.Any(y => y > 0),
            ["yTop"] = spec.YTop,
            ["xScale"] = spec.XScale switch { XAxisScale.Log => "log", XAxisScale.SymLog => "symlog", _ => "linear" },
            ["columns"] = spec.Columns,
            ["panels"] = panels,
        };
    }

    /// <summary>
    /// The parallel-coordinates view of one task's groups: an axis per parameter that varies (workflow, task
    /// parameters, n, T; log-scaled when positive and spanning a factor of 10 or more) and the final loss; a line per
    /// group coloured by its verdict. Null when the task has fewer than two groups.
    /// </summary>
    public static JsonObject? Parallel(string task, IReadOnlyList<GroupVerdict> verdicts, string name)
    {
        if (verdicts.Count < 2) return null;
        var columns = new List<(string Name, Func<GroupVerdict, string> Value)> { ("workflow", v => SettingSummary.WorkflowLabel(v.Group)) };
        foreach (var parameter in verdicts.SelectMany(v => v.Group.TaskParameters.Select(p => p.Key)).Distinct())
            columns.Add((parameter, v => v.Group.TaskParameter(parameter) ?? ""));
        columns.Add(("n", v => v.Group.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        columns.Add(("T", v => v.Group.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        columns = columns.Where(c => verdicts.Select(c.Value).Distinct().Count() > 1).ToList();

        var axes = new JsonArray();
        var numeric = new List<bool>();
        foreach (var (column, value) in columns)
        {
            var texts = verdicts.Select(value).Distinct().ToArray();
            var numbers = texts.Select(t => Parameters.ParameterSpec.TryParseReal(t, out double x) ? x : (double?)null).ToArray();
            bool isNumeric = numbers.All(x => x is not null);
            numeric.Add(isNumeric);
            axes.Add(isNumeric
                ? new JsonObject { ["name"] = column, ["log"] = numbers.All(x => x > 0) && numbers.Max() / numbers.Min() >= MetricFigures.LogScaleSpan }
                : new JsonObject { ["name"] = column, ["categories"] = new JsonArray(texts.Select(t => (JsonNode?)t).ToArray()) });
        }
        var finals = verdicts.Select(v => v.Last).Where(double.IsFinite).ToArray();
        string loss = string.Join(" / ", verdicts.Select(v => v.Metric).Distinct());
        axes.Add(new JsonObject { ["name"] = "final " + loss, ["log"] = finals.Length > 1 && finals.All(x => x > 0) && finals.Max() / finals.Min() >= MetricFigures.LogScaleSpan });

        var lines = new JsonArray();
        foreach (var v in verdicts)
        {
            var values = new JsonArray();
            for (int i = 0; i < columns.Count; i++)
            {
                string text = columns[i].Value(v);
                values.Add(numeric[i] ? JsonValue.Create(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(text));
            }
            values.Add(double.IsFinite(v.Last) ? JsonValue.Create(v.Last) : null);
            lines.Add(new JsonObject { ["label"] = $"{v.Group.TaskTitle}, {SettingSummary.WorkflowLabel(v.Group)}, n = {v.Group.Samples}, T = {v.Group.Iterations}", ["verdict"] = v.VerdictText, ["values"] = values });
        }
        return new JsonObject { ["name"] = name, ["task"] = task, ["loss"] = loss, ["axes"] = axes, ["lines"] = lines };
    }

    /// <summary>The page's data block: every metric chart, other chart of lines and parallel view, as JSON safe inside a script element.</summary>
    public static string DataBlock(IEnumerable<JsonObject> charts, IEnumerable<JsonObject> lines, IEnumerable<JsonObject> parallel) =>
        new JsonObject
        {
            ["charts"] = new JsonArray(charts.ToArray<JsonNode?>()),
            ["lines"] = new JsonArray(lines.ToArray<JsonNode?>()),
            ["parallel"] = new JsonArray(parallel.ToArray<JsonNode?>()),
        }
            .ToJsonString(new JsonSerializerOptions { WriteIndented = false }); // the default encoder escapes <, > and &, so "</script>" cannot occur

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static JsonArray Numbers(IEnumerable<double?> values) => new(values.Select(v => v is { } x ? JsonValue.Create(x) : null).ToArray<JsonNode?>());
}
