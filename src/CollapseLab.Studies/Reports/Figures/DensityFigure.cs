using System.Globalization;
using CollapseLab.Loop;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;
using ScottPlot;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The 1-D Gaussian picture: the fitted densities of one stored run at selected iterations, under Replace (narrowing
/// and drifting: collapse) beside Accumulate (staying close to the truth), with the true density dashed. Drawn from the
/// runs' metrics (<c>fitted_mean</c>, recorded for d = 1, and <c>cov_trace_ratio</c>); nothing is simulated.
/// </summary>
public static class DensityFigure
{
    /// <summary>The y axis ends at this multiple of the true density's peak, so one collapsed spike does not flatten every other curve.</summary>
    public const double TopFactor = 5;

    /// <summary>
    /// The picture for the Gaussian groups among <paramref name="input"/>: of the d = 1 runs with the ML covariance and
    /// τ = 1 under plain Replace and plain Accumulate with the same σ², n and T, those with the smallest n and then
    /// the longest T; the lowest seed both workflows hold completed with <c>fitted_mean</c>. None without such a pair;
    /// a note when the pair's runs predate <c>fitted_mean</c>.
    /// </summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static IEnumerable<RenderedFigure> Build(TaskFigureInput input)
    {
        var pairs = input.Groups.Where(IsPlainOneDimensional)
            .GroupBy(g => (Sigma2: ((GaussianSetting)g.Representative.Task).Sigma2, g.Samples, g.Iterations))
            .Select(g => (g.Key, Replace: g.FirstOrDefault(x => x.Representative.Workflow is Replace), Accumulate: g.FirstOrDefault(x => x.Representative.Workflow is Accumulate)))
            .Where(p => p.Replace is not null && p.Accumulate is not null)
            .OrderBy(p => p.Key.Samples).ThenByDescending(p => p.Key.Iterations).ThenBy(p => p.Key.Sigma2)
            .ToArray();
        if (pairs.Length == 0) yield break;
        var (key, replace, accumulate) = pairs[0];
        var (replaced, accumulated) = (Traced(replace!), Traced(accumulate!));
        var seeds = replaced.Keys.Intersect(accumulated.Keys).Order().ToArray();
        if (seeds.Length == 0)
        {
            input.Note($"gaussian (dim=1, sigma2={ReportFormat.Number(key.Sigma2, 3)}): the fitted-density picture needs a completed Replace and Accumulate run "
                + $"of one seed that recorded {MetricNames.FittedMean}; these have none (runs stored before it was recorded lack it: rerun them into a new store to draw it).");
            yield break;
        }
        ulong seed = seeds[0];
        yield return Draw(key.Sigma2, key.Samples, key.Iterations, seed,
            [("Replace", replaced[seed]), ("Accumulate", accumulated[seed])], input.UniqueName("gaussian-fitted-densities"));
    }

    private static bool IsPlainOneDimensional(RunGroup group) =>
        group.Representative.Task is GaussianSetting { Dim: 1, Estimator: CovarianceEstimator.Mle, Temperature: 1 }
        && group.Representative.Workflow is Replace or Accumulate
        && !group.Representative.Workflow.Parameters.Canonical.Any();

    /// <summary>(μ_t, σ_t²) for t = 1..T of each completed run of <paramref name="group"/> that recorded them, by seed.</summary>
    private static Dictionary<ulong, (double Mean, double Variance)[]> Traced(RunGroup group)
    {
        double sigma2 = ((GaussianSetting)group.Representative.Task).Sigma2;
        var traced = new Dictionary<ulong, (double Mean, double Variance)[]>();
        foreach (var run in group.Runs.Where(r => r.Succeeded))
        {
            var means = new double?[group.Iterations + 1];
            var variances = new double?[group.Iterations + 1];
            foreach (var row in run.Metrics.Where(m => m.Iteration >= 1 && m.Iteration <= group.Iterations))
            {
                if (row.Metric == MetricNames.FittedMean) means[row.Iteration] = row.Value;
                else if (row.Metric == MetricNames.CovTraceRatio) variances[row.Iteration] = row.Value * sigma2;
            }
            if (Enumerable.Range(1, group.Iterations).All(t => means[t] is not null && variances[t] is not null))
                traced[run.Spec.Seed] = Enumerable.Range(1, group.Iterations).Select(t => (means[t]!.Value, variances[t]!.Value)).ToArray();
        }
        return traced;
    }

    private static RenderedFigure Draw(double sigma2, int samples, int iterations, ulong seed,
        IReadOnlyList<(string Label, (double Mean, double Variance)[] Fits)> workflows, string name)
    {
        int[] shown = Iterations(iterations);
        double sigma = Math.Sqrt(sigma2);
        double[] xs = Enumerable.Range(0, 401).Select(i => -4 * sigma + 8 * sigma * i / 400.0).ToArray();
        var truth = new PlotLine(xs, xs.Select(x => Density(x, 0, sigma2)).ToArray(), MetricFigures.TheoryColor, 1.6f, LinePattern.Dashed);

        double top = TopFactor * truth.Ys.Max();
        var panels = new List<PanelSpec>();
        var peaks = new List<string>();
        var offChart = new List<string>();
        foreach (var (label, fits) in workflows)
        {
            var lines = shown.Select((t, i) =>
            {
                var (mean, variance) = fits[t - 1];
                var grid = Grid(xs, mean, Math.Sqrt(variance));
                return new PlotLine(grid, grid.Select(x => Density(x, mean, variance)).ToArray(), MetricFigures.SampleColor(i, shown.Length), 2f, LinePattern.Solid);
            }).ToList();
            lines.Add(truth);
            offChart.AddRange(shown.Where(t => Density(fits[t - 1].Mean, fits[t - 1].Mean, fits[t - 1].Variance) > top)
                .Select(t => $"{label} t = {t} (peak {ReportFormat.Number(Density(fits[t - 1].Mean, fits[t - 1].Mean, fits[t - 1].Variance), 3)})"));
            panels.Add(new PanelSpec(label, [], lines));
            var last = fits[^1];
            peaks.Add($"{label}: μ_{iterations} = {ReportFormat.Number(last.Mean, 3)}, σ²_{iterations} = {ReportFormat.Number(last.Variance, 3)}");
        }

        var legend = shown.Select((t, i) => new LegendEntry($"t = {t}", MetricFigures.SampleColor(i, shown.Length), LinePattern.Solid, 2f, false)).ToList();
        legend.Add(new LegendEntry("truth N(0, σ²)", MetricFigures.TheoryColor, LinePattern.Dashed, 1.6f, false));
        string setting = $"d = 1, σ² = {Format(sigma2)}, n = {Format(samples)}, seed {seed}";
        var spec = new FigureSpec($"gaussian — fitted densities over iterations ({setting})",
            "one stored run: the Gaussian density fitted at iteration t", "x (data units)", "density p(x)",
            LogY: false, IntegerX: false, panels, "fitted at iteration", legend, YTop: top);
        string caption = $"The fitted 1-D Gaussian density at iterations {string.Join(", ", shown)} of one stored run ({setting}), " +
            "under Replace (left) and Accumulate (right), with the true density N(0, σ²) dashed. Both panels share the real data and seed, " +
            $"so they coincide at t = 1. Drawn from the run's {MetricNames.FittedMean} and {MetricNames.CovTraceRatio}·σ²; " +
            $"it is one realisation, not an average. At t = {iterations}: {string.Join("; ", peaks)}." +
            (offChart.Count > 0 ? $" The frame stops at {TopFactor}× the true peak; these curves rise above it: {string.Join(", ", offChart)}." : "");
        return FigureRenderer.Render(spec, name, "gaussian", caption);
    }

    /// <summary>About six iterations from 1 to <paramref name="last"/>, roughly evenly spaced on a log scale.</summary>
    internal static int[] Iterations(int last)
    {
        int[] candidates = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000, 10000];
        var below = candidates.Where(t => t < last).ToArray();
        var chosen = below.Length <= 5 ? below : Enumerable.Range(0, 5).Select(i => below[(int)Math.Round(i * (below.Length - 1) / 4.0)]);
        return chosen.Append(last).Distinct().ToArray();
    }

    /// <summary>The common x grid plus a fine one over μ ± 6σ, so that a collapsed, very narrow density is still drawn as a spike.</summary>
    private static double[] Grid(double[] common, double mean, double sd)
    {
        var fine = Enumerable.Range(0, 241).Select(i => mean + sd * (-6 + 12 * i / 240.0));
        return common.Concat(fine.Where(x => x > common[0] && x < common[^1])).Order().ToArray();
    }

    private static double Density(double x, double mean, double variance) =>
        variance > 0 ? Math.Exp(-(x - mean) * (x - mean) / (2 * variance)) / Math.Sqrt(2 * Math.PI * variance) : double.NaN;

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
