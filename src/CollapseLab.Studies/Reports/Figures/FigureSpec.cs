using ScottPlot;

namespace CollapseLab.Reports.Figures;

/// <summary>A line in plot units; NaN (or, on a log axis, a non-positive value) leaves a gap.</summary>
internal sealed record PlotLine(double[] Xs, double[] Ys, Color Color, float Width, LinePattern Pattern);

/// <summary>A shaded band between two curves (a confidence interval); points where either edge is NaN are left out.</summary>
internal sealed record PlotBand(double[] Xs, double[] Lows, double[] Highs, Color Color);

/// <summary>One panel of a figure: a title, then bands under lines.</summary>
internal sealed record PanelSpec(string Title, IReadOnlyList<PlotBand> Bands, IReadOnlyList<PlotLine> Lines);

/// <summary>A legend row: a line sample (over a band sample when <see cref="Band"/>) and its label.</summary>
internal sealed record LegendEntry(string Label, Color Color, LinePattern Pattern, float Width, bool Band);

/// <summary>How the x axis maps data to position.</summary>
internal enum XAxisScale
{
    Linear,

    /// <summary>log10; points at x ≤ 0 are left out.</summary>
    Log,

    /// <summary>
    /// matplotlib's symlog with linear threshold 1 (the reference's iteration axis): linear on [0, 1], log10 beyond, so
    /// iteration 0 and 10⁵ share one axis. Position x for 0 ≤ x ≤ 1, 1 + log10 x above; mirrored below 0.
    /// </summary>
    SymLog,
}

/// <summary>
/// A figure as data: a title and subtitle over panels that share their axes and scales (one row, or rows of
/// <see cref="PanelsPerRow"/>), and one legend to the right. <see cref="FigureRenderer"/> draws it to PNG and SVG.
/// The y range fits the data unless <see cref="YTop"/> caps it (lines above are cut at the frame).
/// </summary>
internal sealed record FigureSpec(
    string Title,
    string Subtitle,
    string XLabel,
    string YLabel,
    bool LogY,
    bool IntegerX,
    IReadOnlyList<PanelSpec> Panels,
    string LegendTitle,
    IReadOnlyList<LegendEntry> Legend,
    double? YTop = null,
    XAxisScale XScale = XAxisScale.Linear,
    int? PanelsPerRow = null)
{
    /// <summary>Position of data value <paramref name="x"/> on the x axis (NaN where the scale cannot show it).</summary>
    public double XPosition(double x) => XScale switch
    {
        XAxisScale.Log => x > 0 ? Math.Log10(x) : double.NaN,
        XAxisScale.SymLog => Math.Abs(x) <= 1 ? x : Math.Sign(x) * (1 + Math.Log10(Math.Abs(x))),
        _ => x,
    };

    /// <summary>Panels per row of the grid (all in one row unless <see cref="PanelsPerRow"/> says otherwise).</summary>
    public int Columns => Math.Max(1, Math.Min(PanelsPerRow ?? Panels.Count, Panels.Count));
}
