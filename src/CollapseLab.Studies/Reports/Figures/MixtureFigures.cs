using CollapseLab.Mixtures;
using ScottPlot;
using SkiaSharp;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The figures of a mixture study: a heat map of the mean loss over (num_real, num_synthetic), the loss against
/// num_synthetic per num_real, and the loss against the real fraction per num_real (if the proportion of real data
/// alone predicted the loss, the curves of the last figure would coincide).
/// </summary>
public static class MixtureFigures
{
    private const float Cell = 74, CellHeight = 44, Margin = 16, TitleSize = 18, TextSize = 13, LabelSize = 15, ColorBarWidth = 22;
    private static readonly SKColor Ink = new(0x22, 0x22, 0x22), Muted = new(0x55, 0x55, 0x55);

    /// <summary>The three figures of <paramref name="study"/>, named from <paramref name="stem"/>.</summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static IReadOnlyList<RenderedFigure> Build(MixtureAnalysis study, string stem) =>
        [Heatmap(study, stem + "-heatmap"), Curves(study, stem + "-vs-synthetic", fraction: false), Curves(study, stem + "-vs-real-fraction", fraction: true)];

    private static string Title(MixtureAnalysis study) =>
        $"{study.Task}{(study.ShownTaskParameters is { Count: > 0 } shown ? " (" + RunGroup.FormatParameters(shown) + ")" : "")} — real vs synthetic, {study.Metric}";

    private static RenderedFigure Curves(MixtureAnalysis study, string name, bool fraction)
    {
        var info = MetricInfo.Of(study.Metric);
        var reals = study.Cells.Select(c => c.NumReal).Distinct().Order().ToArray();
        var bands = new List<PlotBand>();
        var lines = new List<PlotLine>();
        var legend = new List<LegendEntry>();
        foreach (var (real, index) in reals.Select((r, i) => (r, i)))
        {
            // (0, 0), the unfitted model, has no real fraction
            var cells = study.Cells.Where(c => c.NumReal == real && (!fraction || c.NumReal + c.NumSynthetic > 0))
                .OrderBy(c => fraction ? c.RealFraction : c.NumSynthetic).ToArray();
            if (cells.Length == 0) continue;
            var color = MetricFigures.SampleColor(index, reals.Length);
            double[] xs = cells.Select(c => fraction ? c.RealFraction : Math.Log10(1.0 + c.NumSynthetic)).ToArray();
            bands.Add(new PlotBand(xs, cells.Select(c => c.Loss.CiLow).ToArray(), cells.Select(c => c.Loss.CiHigh).ToArray(), color.WithAlpha(0.22)));
            lines.Add(new PlotLine(xs, cells.Select(c => c.Loss.Mean).ToArray(), color, 2.2f, LinePattern.Solid));
            legend.Add(new LegendEntry($"num_real = {real}", color, LinePattern.Solid, 2.2f, true));
        }
        var means = study.Cells.Select(c => c.Loss.Mean).Where(double.IsFinite).ToArray();
        bool logY = MetricFigures.UseLogScale(means);
        string xLabel = fraction ? "real fraction num_real / (num_real + num_synthetic)" : "log10(1 + num_synthetic)";
        var spec = new FigureSpec(Title(study),
            $"mean over {study.Seeds} seed(s) with 95% confidence band · generator fit to {study.GeneratorSamples} real samples" + (logY ? " · log scale" : ""),
            xLabel, info.Label, logY, IntegerX: false, [new PanelSpec(fraction ? "Loss vs real fraction" : "Loss vs synthetic data", bands, lines)],
            "real samples", legend);
        string caption = fraction
            ? $"{info.Name} against the fraction of real data in the training set, one line per num_real. If the proportion alone predicted the loss, the lines would coincide; where they separate, the absolute amount of real data matters."
            : $"{info.Name} against the amount of synthetic data added (x = log10(1 + num_synthetic), so 0 is no synthetic data), one line per num_real. A line that falls means synthetic data help at that num_real; one that rises means they hurt.";
        return FigureRenderer.Render(spec, name, study.Task, caption + MissingText(study));
    }

    private static string MissingText(MixtureAnalysis study)
    {
        int nonFinite = study.Cells.Count(c => !double.IsFinite(c.Loss.Mean));
        int failed = study.Cells.Sum(c => c.Failed);
        return (nonFinite > 0 ? $" {nonFinite} cell(s) have no finite mean and are not drawn." : "")
            + (failed > 0 ? $" {failed} cell run(s) failed (listed in the report)." : "");
    }

    private static RenderedFigure Heatmap(MixtureAnalysis study, string name)
    {
        FigureFonts.EnsureLoaded();
        var reals = study.Cells.Select(c => c.NumReal).Distinct().Order().ToArray();
        var synthetics = study.Cells.Select(c => c.NumSynthetic).Distinct().Order().ToArray();
        var finite = study.Cells.Select(c => c.Loss.Mean).Where(double.IsFinite).ToArray();
        bool log = MetricFigures.UseLogScale(finite);
        double Scale(double v) => log ? Math.Log10(v) : v;
        double low = finite.Length == 0 ? 0 : finite.Min(v => log && v <= 0 ? double.PositiveInfinity : Scale(v));
        double high = finite.Length == 0 ? 1 : finite.Max(v => Scale(v));
        if (!(high > low)) high = low + 1;

        string title = Title(study);
        string subtitle = $"mean {study.Metric} over {study.Seeds} seed(s) per cell (lighter = larger{(log ? ", log colour scale" : "")}); grey: no finite mean or every run failed";
        float left = Margin + 70, top = Margin + TitleSize + 3 * TextSize + 44;
        float gridWidth = Cell * synthetics.Length, gridHeight = CellHeight * reals.Length;
        float width = Math.Max(left + gridWidth + 40 + ColorBarWidth + 90, Measure(title, TitleSize, true) + 2 * Margin);
        width = Math.Max(width, Measure(subtitle, TextSize) + 2 * Margin);
        float height = top + gridHeight + 60;

        void Draw(SKCanvas canvas)
        {
            canvas.Clear(SKColors.White);
            DrawText(canvas, title, Margin, Margin + TitleSize, TitleSize, Ink, true, SKTextAlign.Left);
            DrawText(canvas, subtitle, Margin, Margin + TitleSize + TextSize + 8, TextSize, Muted, false, SKTextAlign.Left);
            var colormap = new ScottPlot.Colormaps.Viridis();
            for (int i = 0; i < reals.Length; i++)
            {
                float y = top + CellHeight * i;
                DrawText(canvas, reals[i].ToString(System.Globalization.CultureInfo.InvariantCulture), left - 8, y + CellHeight / 2 + TextSize * 0.36f, TextSize, Ink, false, SKTextAlign.Right);
                for (int j = 0; j < synthetics.Length; j++)
                {
                    float x = left + Cell * j;
                    var cell = study.Cells.FirstOrDefault(c => c.NumReal == reals[i] && c.NumSynthetic == synthetics[j]);
                    if (cell is null) continue; // (0, 0) is run only for tasks that score an unfitted model
                    double mean = cell.Loss.Mean;
                    bool shown = double.IsFinite(mean) && (!log || mean > 0);
                    var fill = shown ? colormap.GetColor(Math.Clamp((Scale(mean) - low) / (high - low), 0, 1)).ToSKColor() : new SKColor(0xcc, 0xcc, 0xcc);
                    using (var paint = new SKPaint { Color = fill, Style = SKPaintStyle.Fill })
                        canvas.DrawRect(new SKRect(x, y, x + Cell, y + CellHeight), paint);
                    float luminance = (0.299f * fill.Red + 0.587f * fill.Green + 0.114f * fill.Blue) / 255f;
                    DrawText(canvas, cell.Loss.Count == 0 ? "failed" : ReportFormat.Number(mean, 3), x + Cell / 2, y + CellHeight / 2 + TextSize * 0.36f, TextSize - 1,
                        luminance > 0.55f ? Ink : SKColors.White, false, SKTextAlign.Center);
                }
            }
            for (int j = 0; j < synthetics.Length; j++)
                DrawText(canvas, synthetics[j].ToString(System.Globalization.CultureInfo.InvariantCulture), left + Cell * j + Cell / 2, top - 8, TextSize, Ink, false, SKTextAlign.Center);
            DrawText(canvas, "num_synthetic", left + gridWidth / 2, top - 8 - TextSize - 6, LabelSize, Ink, false, SKTextAlign.Center);
            DrawText(canvas, "num_real", Margin, top + gridHeight + 26, LabelSize, Ink, false, SKTextAlign.Left);

            // colour bar: bottom = low, top = high
            float barLeft = left + gridWidth + 40;
            const int steps = 64;
            for (int k = 0; k < steps; k++)
            {
                float y0 = top + gridHeight * (steps - k - 1) / steps, y1 = top + gridHeight * (steps - k) / steps;
                using var paint = new SKPaint { Color = colormap.GetColor((k + 0.5) / steps).ToSKColor(), Style = SKPaintStyle.Fill };
                canvas.DrawRect(new SKRect(barLeft, y0, barLeft + ColorBarWidth, y1 + 0.5f), paint);
            }
            double Unscale(double v) => log ? Math.Pow(10, v) : v;
            DrawText(canvas, ReportFormat.Number(Unscale(high), 3), barLeft + ColorBarWidth + 6, top + TextSize * 0.7f, TextSize - 1, Ink, false, SKTextAlign.Left);
            DrawText(canvas, ReportFormat.Number(Unscale(low), 3), barLeft + ColorBarWidth + 6, top + gridHeight, TextSize - 1, Ink, false, SKTextAlign.Left);
        }

        var (w, h, png, svg) = FigureRenderer.Encode(width, height, Draw);
        string caption = $"Mean {MetricInfo.Of(study.Metric).Name} on real test data of a model trained on num_real " +
            (study.Protocol == MixtureProtocol.Reference
                ? $"real samples (the first rows of one real split, the same for every seed) plus num_synthetic samples of a generator fit to that whole split ({study.GeneratorSamples} samples), per cell "
                : $"random real samples plus num_synthetic samples of a generator fit to {study.GeneratorSamples} separate real samples, per cell ") +
            (study.Cells.Any(c => c.NumReal + c.NumSynthetic == 0) ? "(the (0, 0) cell is the model before any training, e.g. the language model's base)." : "(the (0, 0) cell is not run).") + MissingText(study);
        return new RenderedFigure(name, study.Task, title, caption, w, h, png, svg);
    }

    private static float Measure(string text, float size, bool bold = false)
    {
        using var font = new SKFont(bold ? FigureFonts.Bold : FigureFonts.Regular, size);
        return font.MeasureText(text);
    }

    private static void DrawText(SKCanvas canvas, string text, float x, float y, float size, SKColor color, bool bold, SKTextAlign align)
    {
        using var font = new SKFont(bold ? FigureFonts.Bold : FigureFonts.Regular, size) { Subpixel = true };
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, paint);
    }
}
