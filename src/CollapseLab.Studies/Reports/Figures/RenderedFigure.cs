namespace CollapseLab.Reports.Figures;

/// <summary>A figure drawn to PNG and SVG, with the caption a report prints under it.</summary>
/// <param name="Name">File stem, unique within a report (e.g. <c>gaussian-dim1-test_nll</c>).</param>
/// <param name="Task">The task setting the figure belongs to.</param>
/// <param name="Title">The title drawn on the figure (also the image's alt text).</param>
/// <param name="Caption">What the figure shows, printed under it.</param>
/// <param name="Width">Width in pixels of the PNG.</param>
/// <param name="Height">Height in pixels of the PNG.</param>
/// <param name="Png">The PNG file's bytes.</param>
/// <param name="Svg">The SVG document.</param>
public sealed record RenderedFigure(string Name, string Task, string Title, string Caption, int Width, int Height, byte[] Png, string Svg)
{
    /// <summary>The lines and bands drawn, when the figure is a plot of lines (not a heat map): index.html draws it again interactively.</summary>
    internal FigureSpec? Spec { get; init; }
}
