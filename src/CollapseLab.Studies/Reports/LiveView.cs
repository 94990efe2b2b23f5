namespace CollapseLab.Reports;

/// <summary>A report page that shows a running sweep: it reloads itself every <paramref name="RefreshSeconds"/> and says what it shows.</summary>
public sealed record LiveView(int RefreshSeconds, string Text);
