using CollapseLab.Loop;
using CollapseLab.Random;

namespace CollapseLab.Tasks.Discrete;

/// <summary>
/// One discrete run. The fit is the training counts themselves; under Accumulate the counts of the whole pool
/// are kept as a running sum over the pool's prefix, so an iteration merges in one generation instead of
/// re-adding all of them.
/// </summary>
internal sealed class DiscreteRun(DiscreteSetting setting, OutcomeCounts real) : ITaskRun<OutcomeCounts>, IFreshRealData<OutcomeCounts>
{
    private readonly PrefixTotal<CountVector> _prefix = new();

    public OutcomeCounts Real { get; } = real;
    public DiscreteSetting Setting { get; } = setting;

    /// <summary>The first iteration whose model had a single outcome, once there was one.</summary>
    public int? FixationIteration { get; set; }

    public OutcomeCounts DrawReal(int n, Rng rng) => Setting.DrawTruth(n, rng);

    public IModel<OutcomeCounts> Fit(TrainingSet<OutcomeCounts> train, Rng rng) => new DiscreteModel(this, Counts(train));

    private CountVector Counts(TrainingSet<OutcomeCounts> train)
    {
        int prefix = train.WholePrefixLength();
        if (prefix > 0) return PrefixCounts(train.Pool, prefix);
        var parts = train.Selection.Parts.Select(p => train.Part(p).Vector).ToArray();
        if (parts.Length == 0) throw new InvalidOperationException("the workflow selected no training data");
        return CountVector.Sum(parts);
    }

    private CountVector PrefixCounts(Pool<OutcomeCounts> pool, int length) =>
        _prefix.Of(length, k => pool[k].Vector, (total, k) => CountVector.Merge(total, pool[k].Vector));
}
