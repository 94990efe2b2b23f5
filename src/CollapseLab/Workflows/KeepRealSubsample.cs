using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>
/// Keep every real sample and fill the training set up to <c>--train-size</c> with a uniform subsample (without
/// replacement) of all synthetic samples in the pool.
/// </summary>
public sealed class KeepRealSubsample(ParameterValues parameters) : Workflow("keep-real-subsample", parameters)
{
    /// <summary>The workflow's own parameter: <c>train-size</c>, required.</summary>
    public static IReadOnlyList<ParameterSpec> Specs { get; } =
    [
        ParameterSpec.Int("train-size", "training-set size: all real samples plus synthetic ones up to this size", null, min: 1),
    ];

    private readonly int _trainSize = parameters.Int("train-size");

    /// <inheritdoc/>
    public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng)
    {
        var real = Of(pool, Origin.Real);
        int realCount = real.Sum(e => pool[e].Count);
        var parts = Selection.Whole(real).Parts;
        if (_trainSize <= realCount) return new Selection(parts);
        var synthetic = AccumulateSubsample.Subsample(pool, Of(pool, Origin.Synthetic), _trainSize - realCount, rng);
        return new Selection(parts.Concat(synthetic.Parts).ToArray());
    }
}
