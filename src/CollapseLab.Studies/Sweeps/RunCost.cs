using CollapseLab.Loop;

namespace CollapseLab.Sweeps;

/// <summary>Expected cost of a run, used to balance shards and to estimate a study's time (never to schedule or to compute anything).</summary>
public static class RunCost
{
    /// <summary>Points of the held-out test set that most settings score every iteration.</summary>
    private const double TestPoints = 500;

    /// <summary>
    /// Seconds of one idle core per unit of <see cref="Estimate"/>, per task, from measured whole runs
    /// (docs/benchmarks.md, "Paper parts"): gaussian from <c>bench gaussian</c> (the 7,500-run grid, 70 s on 2 idle
    /// cores); kde from <c>bench kde</c> (18,000 runs, ≈ 400 s of CPU) and one estimated-bandwidth Accumulate run at
    /// n = 1000, T = 1000 (≈ 6 min of CPU), which agree within 10%; discrete from whole runs to fixation at
    /// K = n = 10⁵ (0.4–0.7 s); linreg from the d = 100, n = 1000 cell (≈ 1.3 s per run). Good to a factor of about 2;
    /// on a loaded machine runs take longer. Tasks not measured have none.
    /// </summary>
    public static IReadOnlyDictionary<string, double> MeasuredSecondsPerUnit { get; } = new Dictionary<string, double>
    {
        ["discrete"] = 8.5e-8,
        ["gaussian"] = 1e-10,
        ["linreg"] = 8e-10,
        ["kde"] = 7e-10,
    };

    /// <summary>Expected seconds of one core for <paramref name="run"/>, or null when its task's cost was not measured.</summary>
    public static double? Seconds(RunSpec run) =>
        MeasuredSecondsPerUnit.TryGetValue(run.Task.Name, out double perUnit) ? Estimate(run) * perUnit : null;

    /// <summary>The task's own <see cref="IRunCostModel"/> estimate, or <see cref="Default"/>.</summary>
    public static double Estimate(RunSpec run) => run.Task is IRunCostModel model ? model.EstimateCost(run) : Default(run);

    /// <summary>
    /// T × ((n + 500)·(d + 1)² + (d + 1)³): per iteration, sampling n points and scoring 500 test points cost
    /// O(d²) each with a d × d factor (the Gaussian's covariance), and factorising it costs O(d³). d is the
    /// task's <c>dim</c> or <c>features</c> parameter when it has one, else 1. Rough on purpose: it only has to
    /// rank runs well enough for shards of similar total cost.
    /// </summary>
    public static double Default(RunSpec run)
    {
        var parameters = run.Task.Parameters;
        string? size = parameters.Text("dim") ?? parameters.Text("features");
        double d = size is not null && int.TryParse(size, out int parsed) ? parsed : 1;
        return run.Iterations * ((run.Samples + TestPoints) * (d + 1) * (d + 1) + (d + 1) * (d + 1) * (d + 1));
    }
}
