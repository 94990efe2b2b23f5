using CollapseLab.Reports.Figures;
using ScottPlot;
using SkiaSharp;

namespace CollapseLab.Tests.Reports;

/// <summary>
/// ScottPlot draws figures without any text, silently, when it cannot find a font. These tests fail loudly instead:
/// the report's font must be installed (Debian: apt-get install fonts-dejavu-core) and must really put ink on the page.
/// </summary>
public sealed class FigureFontTests
{
    [Fact]
    public void DejaVu_Sans_is_installed()
    {
        var ex = Record.Exception(FigureFonts.EnsureLoaded);
        Assert.True(ex is null, $"{ex?.Message} — the report's figures need the font {FigureFonts.Family} (Debian package {FigureFonts.DebianPackage}).");
        Assert.Equal(FigureFonts.Family, FigureFonts.Regular.FamilyName);
        Assert.Equal(FigureFonts.Family, FigureFonts.Bold.FamilyName);
        Assert.True(FigureFonts.Bold.IsBold, "DejaVu Sans Bold is missing");
    }

    [Fact]
    public void ScottPlot_resolves_the_family_to_the_same_font()
    {
        FigureFonts.EnsureLoaded();
        using var typeface = Fonts.GetTypeface(FigureFonts.Family, bold: false, italic: false);
        Assert.Equal(FigureFonts.Family, typeface.FamilyName);
        Assert.True(typeface.ContainsGlyph('σ') && typeface.ContainsGlyph('²') && typeface.ContainsGlyph('⁻'), "the font lacks glyphs the figures use");
    }

    [Fact]
    public void A_plot_title_puts_ink_on_the_image()
    {
        FigureFonts.EnsureLoaded();
        var plot = new Plot();
        plot.Font.Set(FigureFonts.Family);
        plot.Axes.Title.Label.Text = "MMMMMMMMMMMMMMMM";
        plot.Axes.Title.Label.FontSize = 30;
        var png = plot.GetImageBytes(600, 300, ImageFormat.Png);
        using var bitmap = SKBitmap.Decode(png);
        int dark = 0;
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y).Red < 128) dark++;
        Assert.True(dark > 1000, $"the title rendered only {dark} dark pixels: ScottPlot drew no text (is {FigureFonts.Family} installed?)");
    }
}
