using System.Globalization;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;
using ScottPlot;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The 1-D Gaussian picture: the fitted densities of one run at selected iterations, under Replace (narrowing and
/// drifting: collapse) beside Accumulate (staying close to the truth), with the true density dashed.
/// </summary>
public static class DensityFigure
{
    /// <summary>The y axis ends at this multiple of the true density's peak, so one collapsed spike does not flatten every other curve.</summary>
    public const double TopFactor = 5;

    /// <summary>Draws the picture for a d = 1 run with n = <paramref name="samples"/>, T = <paramref name="iterations"/> and <paramref name="seed"/>.</summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static RenderedFigure Build(int samples, int iterations, double sigma2, ulong seed, string name)
    {
        int[] shown = Iterations(iterations);
        double sigma = Math.Sqrt(sigma2);
        double[] xs = Enumerable.Range(0, 401).Select(i => -4 * sigma + 8 * sigma * i / 400.0).ToArray();
        var truth = new PlotLine(xs, xs.Select(x => Density(x, 0, sigma2)).ToArray(), MetricFigures.TheoryColor, 1.6f, LinePattern.Dashed);

        double top = TopFactor * truth.Ys.Max();
        var panels = new List<PanelSpec>();
        var peaks = new List<string>();
        var offChart = new List<string>();
        foreach (var workflow in new IWorkflow[] { new Replace(), new Accumulate() })
        {
            var fits = FittedGaussians.Trace(sigma2, workflow, samples, iterations, seed);
            var lines = shown.Select((t, i) =>
            {
                var (mean, variance) = fits[t - 1];
                var grid = Grid(xs, mean, Math.Sqrt(variance));
                return new PlotLine(grid, grid.Select(x => Density(x, mean, variance)).ToArray(), MetricFigures.SampleColor(i, shown.Length), 2f, LinePattern.Solid);
            }).ToList();
            lines.Add(truth);
            string label = workflow.Name == "replace" ? "Replace" : "Accumulate";
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
            "one run simulated afresh for this picture: the Gaussian density fitted at iteration t", "x (data units)", "density p(x)",
            LogY: false, IntegerX: false, panels, "fitted at iteration", legend, YTop: top);
        string caption = $"The fitted 1-D Gaussian density at iterations {string.Join(", ", shown)} of one run ({setting}), " +
            "under Replace (left) and Accumulate (right), with the true density N(0, σ²) dashed. Both panels share the real data and seed, " +
            "so they coincide at t = 1. The run is simulated afresh with the generation loop for this picture (stored metrics give μ_t only up to " +
            $"its sign); it is one realisation, not an average. At t = {iterations}: {string.Join("; ", peaks)}." +
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
