namespace CollapseLab.Loop;

/// <summary>
/// A task setting's expected cost of one of its runs, for balancing shards and estimating a study's time (never to
/// schedule or compute anything). Every built-in setting implements it; one that does not is costed by the generic
/// Sweeps.RunCost.Default (samples drawn).
/// </summary>
public interface IRunCostModel
{
    /// <summary>The expected cost of <paramref name="run"/> (whose Task is this setting) in the setting's own units; only ratios between runs of one setting matter.</summary>
    double EstimateCost(RunSpec run);

    /// <summary>Seconds of one idle core per unit of <see cref="EstimateCost"/>, measured on whole runs (docs/benchmarks.md); null when not measured.</summary>
    double? SecondsPerUnit { get; }
}
