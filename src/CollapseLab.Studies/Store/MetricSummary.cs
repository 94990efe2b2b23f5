namespace CollapseLab.Store;

/// <summary>
/// One metric at one iteration, aggregated over the seeds of one configuration (task, workflow and every other
/// parameter), from completed runs only.
/// </summary>
/// <param name="Task">The task setting's name.</param>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Parameters">The configuration's canonical parameters (seed excluded), including samples and iterations.</param>
/// <param name="Iteration">t, from 1.</param>
/// <param name="Metric">The metric's name (<see cref="Loop.MetricNames"/> or an external score program's key).</param>
/// <param name="Runs">Number of runs (seeds) aggregated.</param>
/// <param name="Mean">Mean over runs; ±∞ or NaN when a run's value is.</param>
/// <param name="StdDev">Sample standard deviation (n − 1), NaN for one run.</param>
/// <param name="Min">Smallest value over runs.</param>
/// <param name="Max">Largest value over runs.</param>
/// <param name="Finite">Runs whose value is finite.</param>
public sealed record MetricSummary(
    string Task, string Workflow, IReadOnlyDictionary<string, string> Parameters, int Iteration, string Metric,
    long Runs, double Mean, double StdDev, double Min, double Max, long Finite)
{
    /// <summary>Standard error of the mean, StdDev / √Runs.</summary>
    public double StdError => StdDev / Math.Sqrt(Runs);
}
