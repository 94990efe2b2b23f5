using CollapseLab.Loop;

namespace CollapseLab.Sweeps;

/// <summary>Expected cost of a run, used to balance shards (never to schedule or to compute anything).</summary>
public static class RunCost
{
    /// <summary>Points of the held-out test set that most settings score every iteration.</summary>
    private const double TestPoints = 500;

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
