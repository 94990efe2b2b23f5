namespace CollapseLab.Reports.Theory;

/// <summary>
/// Exact expectations of a task's metrics that reports draw as dashed lines over the simulated means. One class
/// per task setting, registered in <see cref="TheoryOverlays"/>; it usually forwards to the task's own theory class
/// (e.g. <see cref="Tasks.Gaussian.GaussianTheory"/>).
/// </summary>
public interface ITheoryOverlay
{
    /// <summary>The task setting this theory is about (<c>gaussian</c>, …).</summary>
    string Task { get; }

    /// <summary>
    /// E[<paramref name="metric"/>] at <paramref name="iteration"/> for the runs of <paramref name="group"/>, or null
    /// when no closed form is known for that metric, workflow or parameter set.
    /// </summary>
    double? Expectation(RunGroup group, string metric, int iteration);
}
