namespace CollapseLab.Reports;

/// <summary>
/// One task setting with one set of task parameters, as the headline screen shows it: its groups (rows: n and T,
/// columns: workflows), their verdicts, and its figures, the loss's first (the headline figure).
/// </summary>
public sealed record ReportSetting(
    string Task,
    IReadOnlyList<KeyValuePair<string, string>> TaskParameters,
    IReadOnlyList<RunGroup> Groups,
    IReadOnlyList<GroupVerdict> Verdicts,
    IReadOnlyList<Figures.RenderedFigure> Figures)
{
    /// <summary>"gaussian (dim=1, sigma2=1)".</summary>
    public string Title => Task + (TaskParameters.Count > 0 ? $" ({RunGroup.FormatParameters(TaskParameters)})" : "");
}
