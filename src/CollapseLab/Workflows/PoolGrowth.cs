namespace CollapseLab.Workflows;

/// <summary>What joins the pool after iteration t: a synthetic generation of <see cref="Schedule"/>'s size, optionally curated, plus <see cref="FreshReal"/> new real samples.</summary>
public sealed record PoolGrowth(SizeSchedule Schedule, int FreshReal, Curation? Curation)
{
    /// <summary>n synthetic samples, no fresh real data, no curation: the reference study's loop.</summary>
    public static PoolGrowth Default { get; } = new(SizeSchedule.Constant, 0, null);
}
