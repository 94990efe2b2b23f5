using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// Draws a <see cref="FigureSpec"/>: a bold title and a subtitle, a row (or a grid) of ScottPlot panels with identical
/// axis limits and ticks, and a legend column, onto one Skia canvas. The same drawing goes to a PNG surface and to an SVG canvas,
/// so both files show the same figure. Every text is DejaVu Sans; sizes are measured so nothing is clipped.
/// </summary>
internal static class FigureRenderer
{
    private const float PanelWidth = 420, PanelHeight = 400, Margin = 14;
    private const float TitleSize = 18, SubtitleSize = 13, PanelTitleSize = 15, AxisLabelSize = 15, TickSize = 13, LegendSize = 13;
    private const float TickLength = 5, LegendRow = 22, Swatch = 30;
    private static readonly SKColor Ink = new(0x22, 0x22, 0x22), Muted = new(0x55, 0x55, 0x55);

    /// <summary>Draws <paramref name="spec"/> to PNG and SVG.</summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static RenderedFigure Render(FigureSpec spec, string name, string task, string caption)
    {
        FigureFonts.EnsureLoaded();
        var layout = new Layout(spec);
        var (width, height, png, svg) = Encode(layout.Width, layout.Height, layout.Draw);
        return new RenderedFigure(name, task, spec.Title, caption, width, height, png, svg) { Spec = spec };
    }

    /// <summary>
    /// Runs <paramref name="draw"/> once on a PNG surface and once on an SVG canvas of the given size (rounded up to
    /// whole pixels), so both files show the same figure.
    /// </summary>
    public static (int Width, int Height, byte[] Png, string Svg) Encode(float width, float height, Action<SKCanvas> draw)
    {
        int w = (int)Math.Ceiling(width), h = (int)Math.Ceiling(height);
        byte[] png;
        using (var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul)))
        {
            draw(surface.Canvas);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            png = data.ToArray();
        }

        string svg;
        using (var stream = new MemoryStream())
        {
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, w, h), stream))
                draw(canvas);
            svg = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }
        return (w, h, png, svg);
    }

    /// <summary>Sizes and positions of everything, computed once from measured text.</summary>
    private sealed class Layout
    {
        private readonly FigureSpec _spec;
        private readonly IReadOnlyList<AxisTick> _xTicks, _yTicks;
        private readonly double _xLow, _xHigh, _yLow, _yHigh;
        private readonly int _columns, _rows;
        private readonly float _tickLabelWidth, _yLabelBand, _rightPadding, _legendWidth, _titleSize, _subtitleSize, _yLabelSize, _headerHeight;
        private readonly IReadOnlyList<string> _titleLines;

        public float Width { get; }
        public float Height { get; }

        public Layout(FigureSpec spec)
        {
            _spec = spec;
            (_xLow, _xHigh) = XRange(spec);
            (_yLow, _yHigh) = YRange(spec);
            _xTicks = spec.XScale switch
            {
                XAxisScale.Log => AxisTicks.Log10(_xLow, _xHigh),
                XAxisScale.SymLog => AxisTicks.SymLog(_xLow, _xHigh),
                _ => AxisTicks.Linear(_xLow, _xHigh, spec.IntegerX),
            };
            _yTicks = spec.LogY ? AxisTicks.Log10(_yLow, _yHigh) : AxisTicks.Linear(_yLow, _yHigh);

            _tickLabelWidth = _yTicks.Where(t => t.IsMajor).Select(t => Measure(t.Label, TickSize)).DefaultIfEmpty(0).Max() + TickLength + 10;
            _yLabelBand = AxisLabelSize + 16;
            float lastX = _xTicks.Where(t => t.IsMajor).Select(t => Measure(t.Label, TickSize)).DefaultIfEmpty(0).Last();
            _rightPadding = Math.Max(16, lastX / 2 + 6);
            _legendWidth = Math.Max(Measure(spec.LegendTitle, LegendSize, bold: true),
                spec.Legend.Select(e => Swatch + 8 + Measure(e.Label, LegendSize)).DefaultIfEmpty(0).Max()) + 24;

            _columns = spec.Columns;
            _rows = (spec.Panels.Count + _columns - 1) / _columns;
            Width = Margin + _yLabelBand + _columns * PanelWidth + _legendWidth + Margin;
            _titleSize = FitSize(spec.Title, TitleSize, Width - 2 * Margin, bold: true);
            _titleLines = WrapLines(spec.Title, _titleSize, Width - 2 * Margin, bold: true);
            _subtitleSize = FitSize(spec.Subtitle, SubtitleSize, Width - 2 * Margin);
            _headerHeight = Margin + _titleSize * 1.3f * _titleLines.Count + (spec.Subtitle.Length > 0 ? _subtitleSize * 1.3f + 6 : 0) + 8;
            float legendHeight = LegendRow * (spec.Legend.Count + 1) + 20;
            Height = _headerHeight + Math.Max(_rows * PanelHeight, legendHeight) + Margin;
            float dataHeight = PanelHeight - Top - Bottom;
            _yLabelSize = FitSize(spec.YLabel, AxisLabelSize, dataHeight);
        }

        private static float Top => PanelTitleSize + 18;
        private static float Bottom => TickSize + TickLength + 10 + AxisLabelSize + 8;

        public void Draw(SKCanvas canvas)
        {
            canvas.Clear(SKColors.White);
            float y = Margin + _titleSize;
            for (int line = 0; line < _titleLines.Count; line++)
                DrawText(canvas, _titleLines[line], Width / 2, y + line * _titleSize * 1.3f, _titleSize, Ink, bold: true, SKTextAlign.Center);
            y += (_titleLines.Count - 1) * _titleSize * 1.3f; // the subtitle goes under the last title line
            if (_spec.Subtitle.Length > 0)
                DrawText(canvas, _spec.Subtitle, Width / 2, y + 6 + _subtitleSize * 1.3f, _subtitleSize, Muted, bold: false, SKTextAlign.Center);

            for (int i = 0; i < _spec.Panels.Count; i++)
            {
                int column = i % _columns;
                float extra = column == 0 ? _yLabelBand : 0;
                float x = Margin + (column == 0 ? 0 : _yLabelBand + column * PanelWidth), top = _headerHeight + i / _columns * PanelHeight;
                var rect = new PixelRect(x, x + PanelWidth + extra, top + PanelHeight, top);
                using var plot = BuildPlot(_spec.Panels[i], showYLabel: column == 0, leftPadding: _tickLabelWidth + extra);
                canvas.Save();
                canvas.ClipRect(rect.ToSKRect());
                plot.Render(canvas, rect);
                canvas.Restore();
            }
            DrawLegend(canvas, Margin + _yLabelBand + _columns * PanelWidth + 12, _headerHeight + Top);
        }

        private Plot BuildPlot(PanelSpec panel, bool showYLabel, float leftPadding)
        {
            var plot = new Plot();
            plot.Font.Set(FigureFonts.Family);
            plot.FigureBackground.Color = Colors.White;
            plot.DataBackground.Color = Colors.White;
            plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.09);
            plot.Grid.MinorLineColor = Colors.Black.WithAlpha(_spec.LogY || _spec.XScale != XAxisScale.Linear ? 0.04 : 0);
            plot.Grid.MinorLineWidth = 1;

            foreach (var band in panel.Bands) AddBand(plot, band);
            foreach (var line in panel.Lines) AddLine(plot, line);

            plot.Axes.Title.Label.Text = panel.Title;
            plot.Axes.Title.Label.FontSize = PanelTitleSize;
            plot.Axes.Title.Label.Bold = true;
            plot.Axes.Bottom.Label.Text = _spec.XLabel;
            plot.Axes.Bottom.Label.FontSize = AxisLabelSize;
            plot.Axes.Bottom.Label.Bold = false;
            plot.Axes.Left.Label.Text = showYLabel ? _spec.YLabel : "";
            plot.Axes.Left.Label.FontSize = _yLabelSize;
            plot.Axes.Left.Label.Bold = false;
            foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
            {
                axis.TickLabelStyle.FontSize = TickSize;
                axis.TickLabelStyle.ForeColor = Color.FromSKColor(Ink);
                axis.MajorTickStyle.Length = TickLength;
                axis.MinorTickStyle.Length = TickLength / 2;
            }
            plot.Axes.Bottom.TickGenerator = Manual(_xTicks);
            plot.Axes.Left.TickGenerator = Manual(_yTicks);
            plot.Axes.SetLimits(_xLow, _xHigh, _yLow, _yHigh);
            plot.Layout.Fixed(new PixelPadding(leftPadding, _rightPadding, Bottom, Top));
            return plot;
        }

        private static NumericManual Manual(IReadOnlyList<AxisTick> ticks)
        {
            var generator = new NumericManual();
            foreach (var tick in ticks)
                if (tick.IsMajor) generator.AddMajor(tick.Position, tick.Label);
                else generator.AddMinor(tick.Position);
            return generator;
        }

        private void AddBand(Plot plot, PlotBand band)
        {
            // clip to the axis: a lower edge at or below 0 cannot be drawn on a log axis
            foreach (var (start, end) in Runs(band.Xs.Length, i => double.IsFinite(X(band.Xs[i])) && double.IsFinite(Y(band.Lows[i], clampLow: true)) && double.IsFinite(Y(band.Highs[i]))))
            {
                if (end - start < 2) continue;
                var xs = band.Xs[start..end].Select(X).ToArray();
                var lows = band.Lows[start..end].Select(v => Math.Clamp(Y(v, clampLow: true), _yLow, _yHigh)).ToArray();
                var highs = band.Highs[start..end].Select(v => Math.Clamp(Y(v), _yLow, _yHigh)).ToArray();
                var fill = plot.Add.FillY(xs, lows, highs);
                fill.FillColor = band.Color;
                fill.LineWidth = 0;
                fill.MarkerSize = 0;
            }
        }

        private void AddLine(Plot plot, PlotLine line)
        {
            foreach (var (start, end) in Runs(line.Xs.Length, i => double.IsFinite(X(line.Xs[i])) && double.IsFinite(Y(line.Ys[i]))))
            {
                var xs = line.Xs[start..end].Select(X).ToArray();
                var ys = line.Ys[start..end].Select(v => Y(v)).ToArray();
                if (xs.Length == 1)
                {
                    plot.Add.Marker(xs[0], ys[0], MarkerShape.FilledCircle, line.Width * 2.5f, line.Color);
                    continue;
                }
                var scatter = plot.Add.ScatterLine(xs, ys, line.Color);
                scatter.LineWidth = line.Width;
                scatter.LinePattern = line.Pattern;
                scatter.MarkerSize = 0;
            }
        }

        private double X(double value) => _spec.XPosition(value);

        /// <summary>A data value in plot units: log10 on a log axis (non-positive: NaN, or the axis bottom for a band's lower edge).</summary>
        private double Y(double value, bool clampLow = false)
        {
            if (!_spec.LogY) return value;
            if (value > 0) return Math.Log10(value);
            return clampLow && !double.IsNaN(value) ? _yLow : double.NaN;
        }

        private void DrawLegend(SKCanvas canvas, float left, float top)
        {
            DrawText(canvas, _spec.LegendTitle, left, top + LegendSize, LegendSize, Ink, bold: true, SKTextAlign.Left);
            float y = top + LegendRow + 6;
            foreach (var entry in _spec.Legend)
            {
                float middle = y + LegendRow / 2;
                if (entry.Band)
                {
                    using var fill = new SKPaint { Color = entry.Color.WithAlpha(0.22).ToSKColor(), Style = SKPaintStyle.Fill, IsAntialias = true };
                    canvas.DrawRect(new SKRect(left, middle - 7, left + Swatch, middle + 7), fill);
                }
                using (var stroke = new SKPaint
                {
                    Color = entry.Color.ToSKColor(), Style = SKPaintStyle.Stroke, StrokeWidth = entry.Width, IsAntialias = true,
                    PathEffect = entry.Pattern.Name == LinePattern.Solid.Name ? null : entry.Pattern.GetPathEffect(),
                })
                    canvas.DrawLine(left, middle, left + Swatch, middle, stroke);
                DrawText(canvas, entry.Label, left + Swatch + 8, middle + LegendSize * 0.36f, LegendSize, Ink, bold: false, SKTextAlign.Left);
                y += LegendRow;
            }
        }

        private static (double, double) XRange(FigureSpec spec)
        {
            var xs = spec.Panels.SelectMany(p => p.Lines.SelectMany(l => l.Xs)).Select(spec.XPosition).Where(double.IsFinite).ToArray();
            if (xs.Length == 0) return (0, 1);
            double low = xs.Min(), high = xs.Max();
            return high > low ? (low, high) : (low - 0.5, high + 0.5);
        }

        private static (double, double) YRange(FigureSpec spec)
        {
            IEnumerable<double> values = spec.Panels.SelectMany(p =>
                p.Lines.SelectMany(l => l.Ys).Concat(p.Bands.SelectMany(b => b.Lows.Concat(b.Highs))));
            var shown = values.Select(v => spec.LogY ? (v > 0 ? Math.Log10(v) : double.NaN) : v).Where(double.IsFinite).ToArray();
            if (shown.Length == 0) return (0, 1);
            double low = shown.Min(), high = shown.Max();
            if (spec.YTop is { } top && !spec.LogY && top > low) high = Math.Min(high, top);
            double span = high - low;
            double pad = span > 0 ? span * 0.05 : spec.LogY ? 0.1 : Math.Max(Math.Abs(low) * 0.05, 0.05);
            return (low - pad, high + pad);
        }

        private static IEnumerable<(int Start, int End)> Runs(int count, Func<int, bool> included)
        {
            int start = -1;
            for (int i = 0; i <= count; i++)
            {
                bool inside = i < count && included(i);
                if (inside && start < 0) start = i;
                else if (!inside && start >= 0)
                {
                    yield return (start, i);
                    start = -1;
                }
            }
        }
    }

    private static SKFont Font(float size, bool bold) => new(bold ? FigureFonts.Bold : FigureFonts.Regular, size) { Subpixel = true };

    private static float Measure(string text, float size, bool bold = false)
    {
        using var font = Font(size, bold);
        return font.MeasureText(text);
    }

    /// <summary>The largest size up to <paramref name="size"/> (at least 9) at which <paramref name="text"/> fits in <paramref name="width"/>.</summary>
    private static float FitSize(string text, float size, float width, bool bold = false)
    {
        while (size > 9 && Measure(text, size, bold) > width) size -= 0.5f;
        return size;
    }

    /// <summary>
    /// <paramref name="text"/> as one line when it fits <paramref name="width"/> at <paramref name="size"/>, else broken at
    /// spaces into as few lines as fit (a long setting title at the smallest size would otherwise run off both edges).
    /// </summary>
    private static IReadOnlyList<string> WrapLines(string text, float size, float width, bool bold = false)
    {
        if (Measure(text, size, bold) <= width) return [text];
        var lines = new List<string>();
        string line = "";
        foreach (string word in text.Split(' '))
        {
            string longer = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && Measure(longer, size, bold) > width) { lines.Add(line); line = word; }
            else line = longer;
        }
        lines.Add(line);
        return lines;
    }

    private static void DrawText(SKCanvas canvas, string text, float x, float y, float size, SKColor color, bool bold, SKTextAlign align)
    {
        using var font = Font(size, bold);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, paint);
    }
}
