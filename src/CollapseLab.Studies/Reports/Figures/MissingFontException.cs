namespace CollapseLab.Reports.Figures;

/// <summary>
/// The figure font is not installed. Raised before anything is drawn, because the plotting library would otherwise
/// render every figure without any text.
/// </summary>
public sealed class MissingFontException(string message) : Exception(message);
