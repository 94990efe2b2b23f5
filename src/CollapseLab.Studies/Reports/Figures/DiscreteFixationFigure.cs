using CollapseLab.Loop;
using CollapseLab.Tasks.Discrete;
using ScottPlot;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The reference study's fixation figure (its notebook 13): the mean model-fitting iteration at which a discrete run
/// fixes on one outcome ("total collapse") against n, log-log, one line per K, with its 95% band, and dashed the
/// approximate expectation 2n(K−1)·ln(K/(K−1)) under Replace. One panel per workflow; drawn from runs stopped at
/// fixation (the reference's loop), only when some K has at least two n.
/// </summary>
public static class DiscreteFixationFigure
{
    /// <summary>The figure of the discrete groups among <paramref name="groups"/> run to fixation, if any; <paramref name="name"/> makes a file stem unique.</summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static IReadOnlyList<RenderedFigure> Build(IReadOnlyList<RunGroup> groups, Func<string, string> name)
    {
        var figures = new List<RenderedFigure>();
        var toFixation = groups.Where(g => g.Task == "discrete" && g.TaskParameter(DiscreteSetting.StopAtFixationKey) == "true" && g.Metrics.Contains(MetricNames.FixationIteration)).ToArray();
        // one pass over each group's rows (10⁷ of them at n = 10⁵)
        var fixations = toFixation.ToDictionary(g => g, FixationIterations);
        foreach (var figure in toFixation.GroupBy(g => g.Iterations))
        {
            var members = figure.ToArray();
            if (FigureGrid.WorkflowPanels(members).All(w => !HasLine(members, w, fixations))) continue;
            figures.Add(Render(members, fixations, name($"discrete-t{figure.Key}-fixation_iteration-vs-n")));
        }
        return figures;
    }

    /// <summary>The iterations at which the runs of <paramref name="group"/> fixed (runs that reached the cap unfixed have none).</summary>
    public static IReadOnlyList<double> FixationIterations(RunGroup group) =>
        group.Runs.SelectMany(r => r.Metrics.Where(m => m.Metric == MetricNames.FixationIteration).Take(1).Select(m => m.Value)).ToArray();

    /// <summary>True when some K of workflow panel <paramref name="workflow"/> fixed at two or more n (a line, not a lone point).</summary>
    private static bool HasLine(IReadOnlyList<RunGroup> members, string workflow, IReadOnlyDictionary<RunGroup, IReadOnlyList<double>> fixations) =>
        members.Where(g => FigureGrid.PanelKey(g) == workflow && fixations[g].Count > 0)
            .GroupBy(g => g.TaskParameter("outcomes")).Any(k => k.Select(g => g.Samples).Distinct().Count() >= 2);

    private static bool IsReplace(RunGroup group) => group.Workflow == "replace" && group.WorkflowParameters.Count == 0;

    private static int Outcomes(RunGroup group) => int.Parse(group.TaskParameter("outcomes")!, System.Globalization.CultureInfo.InvariantCulture);

    private static RenderedFigure Render(IReadOnlyList<RunGroup> members, IReadOnlyDictionary<RunGroup, IReadOnlyList<double>> fixations, string name)
    {
        var outcomes = members.Select(Outcomes).Distinct().Order().ToArray();
        Color ColorOf(int k) => MetricFigures.SampleColor(Array.IndexOf(outcomes, k), outcomes.Length);
        var panels = new List<PanelSpec>();
        var workflows = FigureGrid.WorkflowPanels(members);
        var shown = workflows.Where(w => HasLine(members, w, fixations)).ToArray();
        var left = workflows.Except(shown).Select(w => w.Split('/')[0]).ToArray();
        bool anyTheory = members.Any(g => IsReplace(g) && shown.Contains(FigureGrid.PanelKey(g)));
        foreach (var workflow in shown)
        {
            var bands = new List<PlotBand>();
            var lines = new List<PlotLine>();
            var theory = new List<PlotLine>();
            string? title = null;
            foreach (int k in outcomes)
            {
                var line = members.Where(g => Outcomes(g) == k && FigureGrid.PanelKey(g) == workflow).OrderBy(g => g.Samples).ToArray();
                title ??= line.Length > 0 ? MetricFigures.PanelTitle(line[0]) : null;
                double[] xs = line.Select(g => (double)g.Samples).ToArray();
                var summaries = line.Select(g => SeedSummary.Of(fixations[g])).ToArray();
                bands.Add(new PlotBand(xs, summaries.Select(s => s.CiLow).ToArray(), summaries.Select(s => s.CiHigh).ToArray(), ColorOf(k).WithAlpha(0.2)));
                lines.Add(new PlotLine(xs, summaries.Select(s => s.Mean).ToArray(), ColorOf(k), 2.2f, LinePattern.Solid));
                if (anyTheory)
                    theory.Add(new PlotLine(xs, line.Select(g => IsReplace(g) ? DiscreteTheory.FixationIteration(k, g.Samples) : double.NaN).ToArray(), ColorOf(k), 1.4f, LinePattern.Dashed));
            }
            panels.Add(new PanelSpec(title ?? workflow.Split('/')[0], bands, [.. lines, .. theory]));
        }

        // legend entry i names line i of every panel (the interactive figure relies on it): the K lines, then their expectations
        var legend = outcomes.Select(k => new LegendEntry($"K = {k}", ColorOf(k), LinePattern.Solid, 2.2f, true))
            .Concat(outcomes.Select(k => new LegendEntry($"K = {k}, ≈ 2n(K−1)ln(K/(K−1))", ColorOf(k), LinePattern.Dashed, 1.4f, false))).ToArray();
        var fixedCounts = members.Select(g => fixations[g].Count).ToArray();
        int unfixed = members.Sum(g => g.Runs.Count(r => r.Succeeded) - fixations[g].Count);
        var spec = new FigureSpec($"discrete — iterations to fixation against n, {DiscreteEntropyFigure.CapText(members[0].Iterations)}",
            $"mean over {FigureGrid.SeedText(fixedCounts)} with 95% confidence band · log-log" + (anyTheory ? " · dashed: ≈ expectation under Replace" : ""),
            "samples per generation n", "iterations to fixation", LogY: true, IntegerX: false, panels, "outcomes K", anyTheory ? legend : legend[..outcomes.Length],
            XScale: XAxisScale.Log);
        string caption = "The model-fitting iteration at which the fitted distribution first holds a single outcome (fixation_iteration, the reference study's " +
            "\"total collapse\", where its loop stopped: entropy below 1e-8), against n on log-log axes, as its notebook 13 draws it (there for K = 10); " +
            "one line per number of outcomes K, mean over the runs that fixed with 95% confidence bands" +
            (anyTheory ? "; dashed: the approximate expectation 2n(K−1)·ln(K/(K−1)) of the neutral Wright–Fisher model (docs/theory.md)" : "") +
            "." +
            (unfixed > 0 ? $" {unfixed} run(s) reached the iteration cap without fixing and are not averaged." : "") +
            (left.Length > 0 ? $" Left out, as their runs fixed at fewer than two n: {string.Join(", ", left)}." : "") +
            (members.Sum(g => g.Failed) is > 0 and var failed ? $" {failed} run(s) failed." : "");
        return FigureRenderer.Render(spec, name, "discrete", caption);
    }
}
