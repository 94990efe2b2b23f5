namespace CollapseLab.Loop;

/// <summary>
/// Optional for a task setting: the expected cost of one of its runs in arbitrary units, for balancing shards.
/// Only ratios between runs of one sweep matter. Settings without it get the sweeps' default estimate (CollapseLab.Sweeps.RunCost.Default).
/// </summary>
public interface IRunCostModel
{
    /// <summary>The cost of <paramref name="run"/>, in units shared by every run of the setting; only ratios matter.</summary>
    double EstimateCost(RunSpec run);
}
