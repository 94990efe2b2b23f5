using CollapseLab.Loop;
using CollapseLab.Parameters;
using ScottPlot;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The reference study's bandwidth figure (its notebook 11): test NLL against the fixed kernel bandwidth h (log x), a
/// grid of panels with one row per n and one column per workflow (Replace | Accumulate-Subsample | Accumulate), one
/// line per model-fitting iteration t ∈ {1, 100, 200, …, 1000} the runs reached, the mean over seeds with its 95%
/// band. One figure per data set (all other task parameters) and T, drawn only when the runs hold at least two
/// numeric bandwidths of it; read from stored metrics, nothing simulated.
/// </summary>
public static class KdeBandwidthFigure
{
    /// <summary>The iterations the reference plots: 1 and every multiple of 100.</summary>
    public const int IterationStep = 100;

    /// <summary>The figures of the kde groups among <paramref name="groups"/>; <paramref name="name"/> makes a file stem unique.</summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static IReadOnlyList<RenderedFigure> Build(IReadOnlyList<RunGroup> groups, Func<string, string> name)
    {
        var figures = new List<RenderedFigure>();
        var fixedBandwidth = groups.Where(g => g.Task == "kde" && Bandwidth(g) is not null && g.Metrics.Contains(MetricNames.TestNll));
        foreach (var figure in fixedBandwidth.GroupBy(g => RunGroup.FormatParameters(FigureGrid.FixedParameters(g, "bandwidth")) + "|" + g.Iterations))
        {
            var members = figure.ToArray();
            if (members.Select(Bandwidth).Distinct().Count() < 2) continue;
            figures.Add(Render(members, name(FigureGrid.Stem(members[0], "bandwidth", "test_nll-vs-bandwidth"))));
        }
        return figures;
    }

    /// <summary>1, 100, 200, … up to <paramref name="last"/>.</summary>
    public static IReadOnlyList<int> ShownIterations(int last) =>
        [1, .. Enumerable.Range(1, last / IterationStep).Select(k => k * IterationStep)];

    /// <summary>The group's numeric bandwidth, or null for a rule (scott, silverman).</summary>
    internal static double? Bandwidth(RunGroup group) =>
        ParameterSpec.TryParseReal(group.TaskParameter("bandwidth") ?? "", out double h) ? h : null;

    private static RenderedFigure Render(IReadOnlyList<RunGroup> members, string name)
    {
        var first = members[0];
        var summaries = members.ToDictionary(g => g, g => FigureGrid.ByIteration(g, MetricNames.TestNll));
        int last = summaries.Values.SelectMany(s => s.Keys).Max();
        var iterations = ShownIterations(last).Where(t => summaries.Values.Any(s => s.ContainsKey(t))).ToArray();
        var workflows = FigureGrid.WorkflowPanels(members);
        var sampleSizes = members.Select(g => g.Samples).Distinct().Order().ToArray();
        Color ColorOf(int index) => MetricFigures.SampleColor(index, iterations.Length);

        var panels = new List<PanelSpec>();
        foreach (int n in sampleSizes)
            foreach (var workflow in workflows)
            {
                var cell = members.Where(g => g.Samples == n && FigureGrid.PanelKey(g) == workflow).OrderBy(g => Bandwidth(g)).ToArray();
                double[] xs = cell.Select(g => Bandwidth(g)!.Value).ToArray();
                var bands = new List<PlotBand>();
                var lines = new List<PlotLine>();
                foreach (var (t, index) in iterations.Select((t, i) => (t, i)))
                {
                    SeedSummary At(RunGroup g) => summaries[g].TryGetValue(t, out var s) ? s : SeedSummary.Of([]);
                    bands.Add(new PlotBand(xs, cell.Select(g => At(g).CiLow).ToArray(), cell.Select(g => At(g).CiHigh).ToArray(), ColorOf(index).WithAlpha(0.18)));
                    lines.Add(new PlotLine(xs, cell.Select(g => At(g).Mean).ToArray(), ColorOf(index), 2f, LinePattern.Solid));
                }
                string title = cell.Length > 0 ? MetricFigures.PanelTitle(cell[0]) : workflow.Split('/')[0];
                panels.Add(new PanelSpec($"{title}, n = {n}", bands, lines));
            }

        var means = panels.SelectMany(p => p.Lines.SelectMany(l => l.Ys)).Where(double.IsFinite).ToArray();
        bool logY = MetricFigures.UseLogScale(means);
        var legend = iterations.Select((t, i) => new LegendEntry($"t = {t}", ColorOf(i), LinePattern.Solid, 2f, true)).ToArray();
        string seeds = FigureGrid.SeedText(members.Select(g => g.Runs.Count));
        var spec = new FigureSpec($"{FigureGrid.Title(first, "bandwidth")} — test_nll against bandwidth h, T = {first.Iterations}",
            $"mean over {seeds} with 95% confidence band · log x" + (logY ? ", log y" : ""),
            "kernel bandwidth h", MetricInfo.Of(MetricNames.TestNll).Label, logY, IntegerX: false, panels, "model-fitting iteration", legend,
            XScale: XAxisScale.Log, PanelsPerRow: workflows.Count);
        string caption = $"{MetricInfo.Of(MetricNames.TestNll).Name} on real test data against the fixed kernel bandwidth h (log scale), as the reference study's " +
            $"notebook 11 draws it: one row of panels per n ({string.Join(", ", sampleSizes)}), one column per workflow, one line per model-fitting iteration " +
            $"({string.Join(", ", iterations)}; the reference plots t = 1 and every multiple of {IterationStep}), darker = earlier. Each point is the mean over seeds of one stored " +
            $"group (bandwidth, n, workflow) at that iteration; bands are 95% confidence intervals of the mean. Bandwidths: {string.Join(", ", members.Select(Bandwidth).Distinct().Order())}." +
            (members.Sum(g => g.Failed) is > 0 and var failed ? $" {failed} run(s) failed; their metrics up to the failure are included." : "");
        return FigureRenderer.Render(spec, name, first.Task, caption);
    }
}
