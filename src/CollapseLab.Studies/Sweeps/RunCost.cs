using CollapseLab.Loop;

namespace CollapseLab.Sweeps;

/// <summary>Expected cost of a run, used to balance shards and to estimate a study's time (never to schedule or to compute anything).</summary>
public static class RunCost
{
    /// <summary>Expected seconds of one core for <paramref name="run"/>, or null when its task's cost was not measured (<see cref="IRunCostModel.SecondsPerUnit"/>).</summary>
    public static double? Seconds(RunSpec run) =>
        run.Task is IRunCostModel { SecondsPerUnit: { } perUnit } model ? model.EstimateCost(run) * perUnit : null;

    /// <summary>The task's own <see cref="IRunCostModel"/> estimate, or <see cref="Default"/>.</summary>
    public static double Estimate(RunSpec run) => run.Task is IRunCostModel model ? model.EstimateCost(run) : Default(run);

    /// <summary>
    /// T × n, the samples a run draws: for a setting without a cost model of its own (one defined outside the library),
    /// which knows nothing about what a sample costs. Good enough to spread long runs over shards.
    /// </summary>
    public static double Default(RunSpec run) => (double)run.Iterations * run.Samples;
}
