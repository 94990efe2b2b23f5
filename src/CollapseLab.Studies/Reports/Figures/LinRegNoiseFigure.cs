using CollapseLab.Loop;
using CollapseLab.Parameters;
using ScottPlot;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The reference study's linear-regression figure (its notebook 07) faceted by the label noise σ²: test MSE over
/// model-fitting iterations, a grid of panels with one row per σ² and one column per workflow, one line per n with
/// n &gt; d (the reference keeps the underparameterised regime), the mean over seeds with its 95% band. One figure per
/// d (all other task parameters) and T, drawn only when the runs hold at least two noise levels of it.
/// </summary>
public static class LinRegNoiseFigure
{
    /// <summary>The figures of the linreg groups among <paramref name="groups"/>; <paramref name="name"/> makes a file stem unique.</summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static IReadOnlyList<RenderedFigure> Build(IReadOnlyList<RunGroup> groups, Func<string, string> name)
    {
        var figures = new List<RenderedFigure>();
        var shown = groups.Where(g => g.Task == "linreg" && g.Metrics.Contains(MetricNames.TestMse) && g.Samples > Dim(g));
        foreach (var figure in shown.GroupBy(g => RunGroup.FormatParameters(FigureGrid.FixedParameters(g, "sigma2")) + "|" + g.Iterations))
        {
            var members = figure.ToArray();
            if (members.Select(Sigma2).Distinct().Count() < 2) continue;
            figures.Add(Render(members, name(FigureGrid.Stem(members[0], "sigma2", "test_mse-by-sigma2"))));
        }
        return figures;
    }

    private static int Dim(RunGroup group) => int.Parse(group.TaskParameter("dim") ?? "1", System.Globalization.CultureInfo.InvariantCulture);

    private static double Sigma2(RunGroup group) =>
        ParameterSpec.TryParseReal(group.TaskParameter("sigma2") ?? "", out double s) ? s : double.NaN;

    private static RenderedFigure Render(IReadOnlyList<RunGroup> members, string name)
    {
        var first = members[0];
        var workflows = FigureGrid.WorkflowPanels(members);
        var noises = members.Select(Sigma2).Distinct().Order().ToArray();
        var sampleSizes = members.Select(g => g.Samples).Distinct().Order().ToArray();
        Color ColorOf(int n) => MetricFigures.SampleColor(Array.IndexOf(sampleSizes, n), sampleSizes.Length);

        var panels = new List<PanelSpec>();
        foreach (double sigma2 in noises)
            foreach (var workflow in workflows)
            {
                var bands = new List<PlotBand>();
                var lines = new List<PlotLine>();
                string? title = null;
                foreach (int n in sampleSizes)
                {
                    var group = members.FirstOrDefault(g => Sigma2(g) == sigma2 && FigureGrid.PanelKey(g) == workflow && g.Samples == n);
                    title ??= group is null ? null : MetricFigures.PanelTitle(group);
                    var points = group is null ? [] : MetricSeries.Of(group, MetricNames.TestMse).Points;
                    double[] xs = points.Select(p => (double)p.Iteration).ToArray();
                    bands.Add(new PlotBand(xs, points.Select(p => p.Summary.CiLow).ToArray(), points.Select(p => p.Summary.CiHigh).ToArray(), ColorOf(n).WithAlpha(0.2)));
                    lines.Add(new PlotLine(xs, points.Select(p => p.Summary.Mean).ToArray(), ColorOf(n), 2f, LinePattern.Solid));
                }
                panels.Add(new PanelSpec($"{title ?? workflow.Split('/')[0]}, σ² = {ParameterSpec.Format(sigma2)}", bands, lines));
            }

        var means = panels.SelectMany(p => p.Lines.SelectMany(l => l.Ys)).Where(double.IsFinite).ToArray();
        bool logY = MetricFigures.UseLogScale(means);
        var legend = sampleSizes.Select(n => new LegendEntry($"n = {n}", ColorOf(n), LinePattern.Solid, 2f, true)).ToArray();
        var info = MetricInfo.Of(MetricNames.TestMse);
        var spec = new FigureSpec($"{FigureGrid.Title(first, "sigma2")} — {MetricNames.TestMse} by noise level σ², T = {first.Iterations}",
            $"mean over {FigureGrid.SeedText(members.Select(g => g.Runs.Count))} with 95% confidence band" + (logY ? " · log scale" : ""),
            "model-fitting iteration t", info.Label, logY, IntegerX: true, panels, "samples per generation", legend, PanelsPerRow: workflows.Count);
        string caption = $"{info.Name} over model-fitting iterations, one row of panels per label-noise variance σ² ({string.Join(", ", noises.Select(ParameterSpec.Format))}), " +
            "one column per workflow, one line per n, as the reference study's notebook 07 draws it (there one figure per σ²); only n > d is shown, as there " +
            "(the underparameterised regime; the per-setting figures show every n and the exact expectations). Mean over seeds with 95% confidence bands; the " +
            "y axes are shared, so the rows compare noise levels directly." +
            (members.Sum(g => g.Failed) is > 0 and var failed ? $" {failed} run(s) failed; their metrics up to the failure are included." : "");
        return FigureRenderer.Render(spec, name, first.Task, caption);
    }
}
