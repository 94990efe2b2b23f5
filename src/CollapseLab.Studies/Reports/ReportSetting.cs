namespace CollapseLab.Reports;

/// <summary>
/// One task setting with one set of task parameters, as the headline screen shows it: its groups (rows: n and T,
/// columns: workflows), their verdicts, and its metric figures with their metrics, the loss's first (the headline figure).
/// </summary>
public sealed record ReportSetting(
    string Task,
    IReadOnlyList<KeyValuePair<string, string>> TaskParameters,
    IReadOnlyList<RunGroup> Groups,
    IReadOnlyList<GroupVerdict> Verdicts,
    IReadOnlyList<(string Metric, Figures.RenderedFigure Figure)> Figures)
{
    /// <summary>"gaussian (dim=1, sigma2=1)": the task and the parameters that apply to it.</summary>
    public string Title => Groups[0].TaskTitle;
}
