using SkiaSharp;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The one font every figure uses, DejaVu Sans, loaded from its file and registered with ScottPlot under its family
/// name. ScottPlot draws no text at all (silently) when it cannot resolve a font, so a missing font is an error here.
/// </summary>
public static class FigureFonts
{
    /// <summary>The font family figures are drawn in.</summary>
    public const string Family = "DejaVu Sans";

    /// <summary>Where the font comes from on Debian/Ubuntu: <c>apt-get install fonts-dejavu-core</c>.</summary>
    public const string DebianPackage = "fonts-dejavu-core";

    private static readonly string[] Directories =
    [
        Path.Combine(AppContext.BaseDirectory, "fonts"), // bundled with the library (Reports/Figures/Fonts, see LICENSE there)
        "/usr/share/fonts/truetype/dejavu", // Debian, Ubuntu
        "/usr/share/fonts/dejavu-sans-fonts", // Fedora
        "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF", // others, Arch
        "/usr/local/share/fonts", "/Library/Fonts", "/opt/homebrew/share/fonts",
    ];

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Loaded = new(Load);

    /// <summary>DejaVu Sans regular.</summary>
    /// <exception cref="MissingFontException">The font is not installed.</exception>
    public static SKTypeface Regular => Loaded.Value.Regular;

    /// <summary>DejaVu Sans bold.</summary>
    /// <exception cref="MissingFontException">The font is not installed.</exception>
    public static SKTypeface Bold => Loaded.Value.Bold;

    /// <summary>Loads the font (once) and registers it with ScottPlot.</summary>
    /// <exception cref="MissingFontException">The font is not installed.</exception>
    public static void EnsureLoaded() => _ = Loaded.Value;

    private static (SKTypeface, SKTypeface) Load()
    {
        var regularPath = Find("DejaVuSans.ttf");
        var boldPath = Find("DejaVuSans-Bold.ttf");
        SKTypeface? regular = regularPath is null ? FromFontManager(SKFontStyle.Normal) : SKTypeface.FromFile(regularPath);
        SKTypeface? bold = boldPath is null ? FromFontManager(SKFontStyle.Bold) : SKTypeface.FromFile(boldPath);
        if (!Usable(regular))
            throw new MissingFontException($"the figure font {Family} is not installed (looked in {string.Join(", ", Directories)} and the system's fonts); " +
                $"install it, e.g. 'apt-get install {DebianPackage}' on Debian or Ubuntu");
        if (!Usable(bold)) bold = regular;
        if (regularPath is not null) ScottPlot.Fonts.AddFontFile(Family, regularPath, bold: false, italic: false);
        if (boldPath is not null) ScottPlot.Fonts.AddFontFile(Family, boldPath, bold: true, italic: false);
        return (regular!, bold!);
    }

    private static string? Find(string file) =>
        Directories.Select(d => Path.Combine(d, file)).FirstOrDefault(File.Exists);

    private static SKTypeface? FromFontManager(SKFontStyle style)
    {
        var typeface = SKFontManager.Default.MatchFamily(Family, style);
        return typeface?.FamilyName == Family ? typeface : null;
    }

    private static bool Usable(SKTypeface? typeface) =>
        typeface is not null && typeface.GlyphCount > 0 && typeface.ContainsGlyph('A') && typeface.ContainsGlyph('σ');
}
