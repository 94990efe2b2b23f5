using CollapseLab.Loop;
using ScottPlot;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The reference study's estimated-bandwidth figure (its notebook 12): test NLL over model-fitting iterations with the
/// bandwidth recomputed at every fit by Scott's and by Silverman's rule, a grid of panels with one row per n and one
/// column per workflow, one line per rule, the mean over seeds with its 95% band. One figure per data set and T, drawn
/// only when the runs hold both rules for it (one rule alone is the ordinary per-setting figure).
/// </summary>
public static class KdeEstimatedBandwidthFigure
{
    /// <summary>The bandwidth rules, in the reference's order.</summary>
    public static IReadOnlyList<string> Rules { get; } = ["scott", "silverman"];

    /// <summary>The figures of the kde groups among <paramref name="groups"/>; <paramref name="name"/> makes a file stem unique.</summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static IReadOnlyList<RenderedFigure> Build(IReadOnlyList<RunGroup> groups, Func<string, string> name)
    {
        var figures = new List<RenderedFigure>();
        var estimated = groups.Where(g => g.Task == "kde" && Rules.Contains(g.TaskParameter("bandwidth")) && g.Metrics.Contains(MetricNames.TestNll));
        foreach (var figure in estimated.GroupBy(g => RunGroup.FormatParameters(FigureGrid.FixedParameters(g, "bandwidth")) + "|" + g.Iterations))
        {
            var members = figure.ToArray();
            if (members.Select(g => g.TaskParameter("bandwidth")).Distinct().Count() < Rules.Count) continue;
            figures.Add(Render(members, name(FigureGrid.Stem(members[0], "bandwidth", "test_nll-estimated-bandwidth"))));
        }
        return figures;
    }

    private static Color RuleColor(int rule) => new ScottPlot.Colormaps.Viridis().GetColor(rule == 0 ? 0.15 : 0.65);

    private static RenderedFigure Render(IReadOnlyList<RunGroup> members, string name)
    {
        var first = members[0];
        var workflows = FigureGrid.WorkflowPanels(members);
        var sampleSizes = members.Select(g => g.Samples).Distinct().Order().ToArray();
        var panels = new List<PanelSpec>();
        foreach (int n in sampleSizes)
            foreach (var workflow in workflows)
            {
                var bands = new List<PlotBand>();
                var lines = new List<PlotLine>();
                string? title = null;
                foreach (var (rule, index) in Rules.Select((r, i) => (r, i)))
                {
                    var group = members.FirstOrDefault(g => g.Samples == n && FigureGrid.PanelKey(g) == workflow && g.TaskParameter("bandwidth") == rule);
                    title ??= group is null ? null : MetricFigures.PanelTitle(group);
                    var points = group is null ? [] : MetricSeries.Of(group, MetricNames.TestNll).Points;
                    double[] xs = points.Select(p => (double)p.Iteration).ToArray();
                    var color = RuleColor(index);
                    bands.Add(new PlotBand(xs, points.Select(p => p.Summary.CiLow).ToArray(), points.Select(p => p.Summary.CiHigh).ToArray(), color.WithAlpha(0.2)));
                    lines.Add(new PlotLine(xs, points.Select(p => p.Summary.Mean).ToArray(), color, 2f, index == 0 ? LinePattern.Solid : LinePattern.Dashed));
                }
                panels.Add(new PanelSpec($"{title ?? workflow.Split('/')[0]}, n = {n}", bands, lines));
            }

        var means = panels.SelectMany(p => p.Lines.SelectMany(l => l.Ys)).Where(double.IsFinite).ToArray();
        bool logY = MetricFigures.UseLogScale(means);
        var legend = Rules.Select((r, i) => new LegendEntry(char.ToUpperInvariant(r[0]) + r[1..], RuleColor(i), i == 0 ? LinePattern.Solid : LinePattern.Dashed, 2f, true)).ToArray();
        string seeds = FigureGrid.SeedText(members.Select(g => g.Runs.Count));
        var spec = new FigureSpec($"{FigureGrid.Title(first, "bandwidth")} — test_nll with estimated bandwidths, T = {first.Iterations}",
            $"mean over {seeds} with 95% confidence band" + (logY ? " · log scale" : ""),
            "model-fitting iteration t", MetricInfo.Of(MetricNames.TestNll).Label, logY, IntegerX: true, panels, "bandwidth rule", legend,
            PanelsPerRow: workflows.Count);
        string caption = $"{MetricInfo.Of(MetricNames.TestNll).Name} on real test data over model-fitting iterations when the bandwidth is recomputed from the " +
            "training set at every fit, by Scott's rule (solid) and Silverman's (dashed), as the reference study's notebook 12 draws it: one row of panels per n " +
            $"({string.Join(", ", sampleSizes)}), one column per workflow; mean over seeds with 95% confidence bands. Both rules scale h with N^(−1/(d+4)) for N training points, " +
            "so under Accumulate, whose training set grows, h falls over iterations." +
            (members.Sum(g => g.Failed) is > 0 and var failed ? $" {failed} run(s) failed; their metrics up to the failure are included." : "");
        return FigureRenderer.Render(spec, name, first.Task, caption);
    }
}
