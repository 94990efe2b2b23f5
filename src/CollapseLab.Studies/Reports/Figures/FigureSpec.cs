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

/// <summary>
/// A figure as data: a title and subtitle over a row of panels that share their axes and scales, and one legend to
/// the right. <see cref="FigureRenderer"/> draws it to PNG and SVG. The y range fits the data unless
/// <see cref="YTop"/> caps it (lines above are cut at the frame).
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
    double? YTop = null);
