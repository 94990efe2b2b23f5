using System.Text;
using CollapseLab.Reports.Theory;
using ScottPlot;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The reference study's figure for one metric of one task parameter set: the metric vs model-fitting iteration,
/// one panel per workflow (Replace | Accumulate-Subsample | Accumulate | others), one line per sample size n coloured
/// by n, the mean over seeds with its 95% band, exact expectations dashed, log y when the means span a decade or more.
/// </summary>
public static class MetricFigures
{
    /// <summary>Smallest max/min ratio of the positive means that switches the y axis to log scale.</summary>
    public const double LogScaleSpan = 10;

    /// <summary>
    /// The figure of <paramref name="metric"/> over <paramref name="groups"/>, which must share their task and task
    /// parameters. Null when the metric was recorded at fewer than two iterations (nothing to draw against t).
    /// </summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static RenderedFigure? Build(IReadOnlyList<RunGroup> groups, string metric, string name)
    {
        var series = groups.Select(g => MetricSeries.Of(g, metric).Plotted()).Where(s => s.Points.Count > 0).ToArray();
        if (series.SelectMany(s => s.Points.Select(p => p.Iteration)).Distinct().Count() < 2) return null;
        var info = MetricInfo.Of(metric);
        var first = groups[0];

        var sampleSizes = series.Select(s => s.Group.Samples).Distinct().Order().ToArray();
        bool severalCaps = series.GroupBy(s => (s.Group.Samples, Workflow: PanelKey(s.Group))).Any(g => g.Select(s => s.Group.Iterations).Distinct().Count() > 1);
        Color ColorOf(int samples) => SampleColor(Array.IndexOf(sampleSizes, samples), sampleSizes.Length);
        string LineLabel(RunGroup g) => $"n = {g.Samples}" + (severalCaps ? $", T = {g.Iterations}" : "");

        var means = series.SelectMany(s => s.Points.Select(p => p.Summary.Mean)).Where(double.IsFinite).ToArray();
        bool logY = UseLogScale(means);

        bool anyTheory = false;
        var panels = new List<PanelSpec>();
        foreach (var panel in series.GroupBy(s => PanelKey(s.Group)).OrderBy(g => g.First().Group.WorkflowRank).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var bands = new List<PlotBand>();
            var lines = new List<PlotLine>();
            var theoryLines = new List<PlotLine>();
            foreach (var s in panel.OrderBy(s => s.Group.Samples).ThenBy(s => s.Group.Iterations))
            {
                var color = ColorOf(s.Group.Samples);
                double[] xs = s.Points.Select(p => (double)p.Iteration).ToArray();
                bands.Add(new PlotBand(xs, s.Points.Select(p => p.Summary.CiLow).ToArray(), s.Points.Select(p => p.Summary.CiHigh).ToArray(), color.WithAlpha(0.22)));
                lines.Add(new PlotLine(xs, s.Points.Select(p => p.Summary.Mean).ToArray(), color, 2.2f, LinePattern.Solid));
                var expected = s.Points.Select(p => TheoryOverlay.Expectation(s.Group, metric, p.Iteration) ?? double.NaN).ToArray();
                if (expected.Any(double.IsFinite))
                {
                    anyTheory = true;
                    theoryLines.Add(new PlotLine(xs, expected, TheoryColor, 1.5f, LinePattern.Dashed));
                }
            }
            panels.Add(new PanelSpec(PanelTitle(panel.First().Group), bands, [.. lines, .. theoryLines]));
        }

        // a line with no finite mean at all (e.g. +∞ test NLL of singular fits) says so in the legend, since it cannot be drawn
        var legend = series.GroupBy(s => LineLabel(s.Group)).OrderBy(g => g.First().Group.Samples).ThenBy(g => g.First().Group.Iterations)
            .Select(g => new LegendEntry(g.Key + (g.All(s => s.Points.All(p => !double.IsFinite(p.Summary.Mean))) ? " (not finite)" : ""),
                ColorOf(g.First().Group.Samples), LinePattern.Solid, 2.2f, true)).ToList();
        if (anyTheory) legend.Add(new LegendEntry("exact expectation", TheoryColor, LinePattern.Dashed, 1.5f, false));

        string seeds = SeedText(series);
        string title = $"{first.TaskTitle} — {metric}";
        string subtitle = $"mean over {seeds} with 95% confidence band" + (anyTheory ? " · dashed: exact expectation" : "") + (logY ? " · log scale" : "");
        var spec = new FigureSpec(title, subtitle, "model-fitting iteration t", info.Label, logY, IntegerX: true, panels,
            "samples per generation", legend);
        return FigureRenderer.Render(spec, name, first.Task, Caption(series, info, anyTheory, logY));
    }

    /// <summary>True when every finite mean is ≥ 0 and the positive ones span at least <see cref="LogScaleSpan"/>.</summary>
    public static bool UseLogScale(IReadOnlyCollection<double> means)
    {
        if (means.Count == 0 || means.Any(m => m < 0)) return false;
        var positive = means.Where(m => m > 0).ToArray();
        return positive.Length > 1 && positive.Max() / positive.Min() >= LogScaleSpan;
    }

    /// <summary>The colour of the <paramref name="index"/>-th smallest of <paramref name="count"/> sample sizes (viridis, dark to light).</summary>
    internal static Color SampleColor(int index, int count) =>
        new ScottPlot.Colormaps.Viridis().GetColor(count <= 1 ? 0.3 : 0.78 * index / (count - 1));

    internal static Color TheoryColor { get; } = Colors.Black;

    /// <summary>"Replace", "Accumulate-Subsample", "Window (window=3)": the workflow's name with its parameters.</summary>
    internal static string PanelTitle(RunGroup group)
    {
        // as the reference study writes them: Replace, Accumulate-Subsample; likewise Keep-Real-Subsample
        string name = string.Join("-", group.Workflow.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
        return group.WorkflowParameters.Count == 0 ? name : $"{name} ({RunGroup.FormatParameters(group.WorkflowParameters)})";
    }

    private static string PanelKey(RunGroup group) => group.Workflow + "/" + RunGroup.FormatParameters(group.WorkflowParameters);

    /// <summary>"100 seeds" when every line has 100 seeds at every iteration, else "5–100 seeds".</summary>
    private static string SeedText(IReadOnlyList<MetricSeries> series)
    {
        int min = series.Min(s => s.SeedCounts.Min), max = series.Max(s => s.SeedCounts.Max);
        return min == max ? $"{max} seed{(max == 1 ? "" : "s")}" : $"{min}–{max} seeds";
    }

    private static string Caption(IReadOnlyList<MetricSeries> series, MetricInfo info, bool theory, bool logY)
    {
        var text = new StringBuilder();
        text.Append($"{info.Name}: {info.Meaning}. Solid lines: mean over seeds; bands: 95% confidence interval of the mean (Student t); ");
        text.Append("one panel per workflow, one line per sample size n (darker: smaller n). ");
        if (theory) text.Append("Dashed black lines: exact expectations (DESIGN.md §5, docs/theory.md). ");
        if (logY) text.Append("The y axis is logarithmic (the means span a decade or more); band edges at or below 0 are drawn at the axis bottom. ");
        text.Append("Seeds per line: ");
        text.Append(string.Join("; ", series.Select(s =>
        {
            var (min, max) = s.SeedCounts;
            string count = min == max ? $"{max}" : $"{s.Points[0].Summary.Count} at t = {s.Points[0].Iteration}, {s.Points[^1].Summary.Count} at t = {s.Points[^1].Iteration}";
            return $"{PanelTitle(s.Group)}, n = {s.Group.Samples}: {count}";
        })));
        text.Append('.');
        var thinned = series.Where(s => s.ThinnedStride is not null).ToArray();
        if (thinned.Length > 0)
            text.Append($" Long lines are thinned, never averaged: every {string.Join("/", thinned.Select(s => s.ThinnedStride).Distinct().Order())}-th iteration shown, " +
                $"with every iteration up to 10, {PlottedIterations.PointsPerDecade} per decade and the first and last ({thinned.Sum(s => s.Points.Count)} of " +
                $"{thinned.Sum(s => s.RecordedCount)} iterations in {thinned.Length} line(s)); all in aggregates.csv.");
        var nonFinite = series.Sum(s => s.Points.Count(p => !double.IsFinite(p.Summary.Mean)));
        if (nonFinite > 0)
            text.Append($" {nonFinite} point(s) are not drawn because some run's value there is not finite (e.g. +∞ test NLL of a singular covariance).");
        if (logY)
        {
            int zeros = series.Sum(s => s.Points.Count(p => p.Summary.Mean == 0));
            if (zeros > 0) text.Append($" {zeros} point(s) with mean 0 cannot be shown on the log axis.");
        }
        int failed = series.Sum(s => s.Group.Failed);
        if (failed > 0) text.Append($" {failed} run(s) failed; their metrics up to the failure are included.");
        int stopped = series.Sum(s => s.Group.StoppedEarlyCount);
        if (stopped > 0) text.Append($" {stopped} run(s) stopped before their last iteration (an absorbing state, e.g. fixation) and keep their last value from then on.");
        return text.ToString();
    }
}
