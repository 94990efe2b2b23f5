using CollapseLab.Loop;
using CollapseLab.Tasks.Discrete;
using ScottPlot;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The reference study's entropy figure (its notebook 13): the fitted distribution's entropy as a fraction of the
/// initial (uniform) distribution's, ln K, against the model-fitting iteration on a symmetric-log axis (0 is the
/// initial distribution, fraction 1), one panel per K, one line per n, the mean over seeds with its 95% band. A run
/// that fixed keeps its last value (0) up to the group's last iteration, as the reference replicates final rows.
/// One figure per workflow of the runs stopped at fixation.
/// </summary>
public static class DiscreteEntropyFigure
{
    /// <summary>The figures of the discrete groups among <paramref name="groups"/> run to fixation; <paramref name="name"/> makes a file stem unique.</summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static IReadOnlyList<RenderedFigure> Build(IReadOnlyList<RunGroup> groups, Func<string, string> name)
    {
        var toFixation = groups.Where(g => g.Task == "discrete" && g.TaskParameter(DiscreteSetting.StopAtFixationKey) == "true" && g.Metrics.Contains(MetricNames.Entropy));
        return toFixation.GroupBy(g => (Workflow: FigureGrid.PanelKey(g), g.Iterations))
            .OrderBy(f => f.First().WorkflowRank).ThenBy(f => f.Key.Workflow, StringComparer.Ordinal).ThenBy(f => f.Key.Iterations)
            .Select(f => Render(f.ToArray(), name($"discrete-{Report.Sanitize(f.First().Workflow)}-t{f.Key.Iterations}-entropy_fraction")))
            .ToArray();
    }

    /// <summary>
    /// The mean over the runs of <paramref name="group"/> of entropy / ln K at each of <paramref name="iterations"/> (1 at 0);
    /// a run counts at t when its trajectory (carried past fixation) reaches t.
    /// </summary>
    public static IReadOnlyList<SeedSummary> FractionOfInitialEntropy(RunGroup group, IReadOnlyList<int> iterations)
    {
        double initial = Math.Log(int.Parse(group.TaskParameter("outcomes")!, System.Globalization.CultureInfo.InvariantCulture));
        var values = iterations.Select(_ => new List<double>()).ToArray();
        foreach (var run in group.Runs)
        {
            var trajectory = group.Trajectory(run, MetricNames.Entropy);
            for (int i = 0; i < iterations.Count; i++)
                if (iterations[i] == 0) values[i].Add(1);
                else if (trajectory.TryGetValue(iterations[i], out double entropy)) values[i].Add(entropy / initial);
        }
        return values.Select(v => SeedSummary.Of(v)).ToArray();
    }

    /// <summary>"run to fixation" for the cap of a sweep without iterations, else "stopped at fixation, T ≤ 100".</summary>
    internal static string CapText(int iterations) =>
        iterations == DiscreteSetting.FixationIterationCap ? "run to fixation" : $"stopped at fixation, T ≤ {iterations}";

    private static RenderedFigure Render(IReadOnlyList<RunGroup> members, string name)
    {
        var first = members[0];
        var outcomes = members.Select(g => g.TaskParameter("outcomes")!).Distinct().OrderBy(k => int.Parse(k, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var sampleSizes = members.Select(g => g.Samples).Distinct().Order().ToArray();
        Color ColorOf(int n) => MetricFigures.SampleColor(Array.IndexOf(sampleSizes, n), sampleSizes.Length);
        int last = members.SelectMany(g => g.Runs).SelectMany(r => r.Metrics).Where(m => m.Metric == MetricNames.Entropy).Select(m => m.Iteration).DefaultIfEmpty(0).Max();
        var iterations = PlottedIterations.LogSpaced(last);

        var panels = new List<PanelSpec>();
        foreach (var k in outcomes)
        {
            var bands = new List<PlotBand>();
            var lines = new List<PlotLine>();
            foreach (int n in sampleSizes)
            {
                var group = members.FirstOrDefault(g => g.TaskParameter("outcomes") == k && g.Samples == n);
                var summaries = group is null ? iterations.Select(_ => SeedSummary.Of([])).ToArray() : FractionOfInitialEntropy(group, iterations);
                double[] xs = iterations.Select(t => (double)t).ToArray();
                bands.Add(new PlotBand(xs, summaries.Select(s => s.CiLow).ToArray(), summaries.Select(s => s.CiHigh).ToArray(), ColorOf(n).WithAlpha(0.2)));
                lines.Add(new PlotLine(xs, summaries.Select(s => s.Mean).ToArray(), ColorOf(n), 2f, LinePattern.Solid));
            }
            panels.Add(new PanelSpec($"K = {k} outcomes", bands, lines));
        }

        var legend = sampleSizes.Select(n => new LegendEntry($"n = {n}", ColorOf(n), LinePattern.Solid, 2f, true)).ToArray();
        string workflow = MetricFigures.PanelTitle(first);
        var spec = new FigureSpec($"discrete — fraction of initial entropy, {workflow}, {CapText(first.Iterations)}",
            $"mean over {FigureGrid.SeedText(members.Select(g => g.Runs.Count))} with 95% confidence band · symmetric-log x",
            "model-fitting iteration t", "entropy / ln K", LogY: false, IntegerX: true, panels, "samples per generation", legend,
            XScale: XAxisScale.SymLog);
        string caption = $"The entropy of the distribution fitted at iteration t as a fraction of the initial uniform distribution's, ln K, under {workflow}, " +
            "as the reference study's notebook 13 draws it: the iteration axis is symmetric-log (linear from 0 to 1, logarithmic beyond), so iteration 0 " +
            "(the initial distribution, fraction 1) and the last fixations share one axis; one panel per K, one line per n, mean over seeds with 95% " +
            "confidence bands. A run that fixed keeps its entropy 0 up to the group's last iteration. Points: every iteration up to 10, then " +
            $"{PlottedIterations.PointsPerDecade} per decade." + (members.Sum(g => g.Failed) is > 0 and var failed ? $" {failed} run(s) failed; their metrics up to the failure are included." : "");
        return FigureRenderer.Render(spec, name, "discrete", caption);
    }
}
