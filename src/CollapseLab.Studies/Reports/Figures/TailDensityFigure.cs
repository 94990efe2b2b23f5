using CollapseLab.Loop;
using ScottPlot;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// Collapse tails (Shumailov et al.): the density of log p(document) of each synthetic generation under the run's
/// iteration-1 model, one panel per workflow, one curve per generation t. Drawn from the quantiles every generation
/// records (<see cref="MetricNames.TailLogLikelihoodPercentiles"/>), averaged over seeds percentile by percentile; the
/// density between consecutive quantiles is Δp / Δq, drawn as a step. Nothing is simulated.
/// </summary>
public static class TailDensityFigure
{
    /// <summary>One bin of the density: between quantiles <paramref name="Low"/> and <paramref name="High"/>, Δp / Δq (NaN when Δq = 0).</summary>
    internal readonly record struct Bin(double Low, double High, double Density);

    /// <summary>
    /// One figure per task parameters, n and T among the groups of <paramref name="input"/> whose runs recorded every
    /// percentile; none when no group did (runs of a task that records no tail, or stored before the full grid was).
    /// </summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static IEnumerable<RenderedFigure> Build(TaskFigureInput input)
    {
        var names = MetricNames.TailLogLikelihoodPercentiles.Select(MetricNames.TailLogLikelihood).ToArray();
        var recorded = input.Groups.Where(g => names.All(g.Metrics.Contains)).ToArray();
        return recorded.GroupBy(g => (Parameters: RunGroup.FormatParameters(g.TaskParameters), g.Samples, g.Iterations))
            .OrderBy(f => f.Key.Parameters, StringComparer.Ordinal).ThenBy(f => f.Key.Samples).ThenBy(f => f.Key.Iterations)
            .Select(f => Render(f.ToArray(), input.UniqueName($"{Report.Sanitize(f.First().Task)}-n{f.Key.Samples}-t{f.Key.Iterations}-tail_density")))
            .ToArray();
    }

    /// <summary>
    /// The seed-averaged quantiles of <paramref name="group"/> at iteration <paramref name="t"/>, one per
    /// <see cref="MetricNames.TailLogLikelihoodPercentiles"/>; null when no run recorded them there.
    /// </summary>
    internal static double[]? MeanQuantiles(RunGroup group, int t)
    {
        var means = MetricNames.TailLogLikelihoodPercentiles
            .Select(p => FigureGrid.ByIteration(group, MetricNames.TailLogLikelihood(p)).TryGetValue(t, out var s) ? s.Mean : double.NaN).ToArray();
        return means.Any(double.IsNaN) ? null : means;
    }

    /// <summary>Δp / Δq between consecutive <paramref name="quantiles"/> (at <see cref="MetricNames.TailLogLikelihoodPercentiles"/>).</summary>
    internal static Bin[] Density(IReadOnlyList<double> quantiles)
    {
        var percents = MetricNames.TailLogLikelihoodPercentiles;
        return Enumerable.Range(0, quantiles.Count - 1).Select(i =>
        {
            double width = quantiles[i + 1] - quantiles[i];
            // Averaged quantiles are ordered; a zero width means the seeds' documents tie there (a collapsed generation).
            return new Bin(quantiles[i], quantiles[i + 1], width > 0 ? (percents[i + 1] - percents[i]) / 100.0 / width : double.NaN);
        }).ToArray();
    }

    private static RenderedFigure Render(IReadOnlyList<RunGroup> members, string name)
    {
        var first = members[0];
        int[] shown = first.Iterations <= 10 ? Enumerable.Range(1, first.Iterations).ToArray() : DensityFigure.Iterations(first.Iterations);
        var panels = new List<PanelSpec>();
        int ties = 0;
        foreach (var key in FigureGrid.WorkflowPanels(members))
        {
            var group = members.First(g => FigureGrid.PanelKey(g) == key);
            var lines = new List<PlotLine>();
            for (int i = 0; i < shown.Length; i++)
            {
                if (MeanQuantiles(group, shown[i]) is not { } quantiles) continue;
                var bins = Density(quantiles);
                ties += bins.Count(b => double.IsNaN(b.Density));
                lines.Add(new PlotLine(bins.SelectMany(b => new[] { b.Low, b.High }).ToArray(), bins.SelectMany(b => new[] { b.Density, b.Density }).ToArray(),
                    MetricFigures.SampleColor(i, shown.Length), 2f, LinePattern.Solid));
            }
            panels.Add(new PanelSpec(MetricFigures.PanelTitle(group), [], lines));
        }

        var legend = shown.Select((t, i) => new LegendEntry($"t = {t}", MetricFigures.SampleColor(i, shown.Length), LinePattern.Solid, 2f, false)).ToArray();
        string seeds = FigureGrid.SeedText(members.Select(g => g.Runs.Count));
        var spec = new FigureSpec($"{first.TaskTitle} — log-likelihood of the synthetic documents under the iteration-1 model (n = {first.Samples})",
            $"density per generation from the quantiles p5, p10, …, p95, mean over {seeds}", "log p(document) under the iteration-1 model (nats)",
            "density (per nat)", LogY: false, IntegerX: false, panels, "generation", legend);
        string caption = $"For each synthetic generation t = {string.Join(", ", shown)}, the density of log p(document) of its documents under the run's " +
            "iteration-1 model (the first fine-tuned model), one panel per workflow. It is estimated from the 19 quantiles every generation records " +
            "(tail_loglik_p5, p10, …, p95), each averaged over seeds, as Δp / Δq = 0.05 / (q_{p+5%} − q_p) between consecutive quantiles and drawn " +
            "as a step; the 5% of documents below p5 and above p95 are not drawn. Shumailov et al. draw this picture for recursively trained language " +
            "models: later generations pile up on documents the first model finds likely while a long tail of documents it finds unlikely appears." +
            (ties > 0 ? $" {ties} bin(s) of zero width (tied documents) are left as gaps." : "") +
            (members.Sum(g => g.Failed) is > 0 and var failed ? $" {failed} run(s) failed; their generations up to the failure are included." : "");
        return FigureRenderer.Render(spec, name, first.Task, caption);
    }
}
