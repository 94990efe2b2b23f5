using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>
/// A fixed synthetic fraction f: each model trains on n samples, round(f·n) drawn without replacement from the
/// newest synthetic generation and the rest from the real data (at t = 1 all real). f = 0 is real data only.
/// </summary>
public sealed class Mix(ParameterValues parameters) : Workflow("mix", parameters)
{
    /// <summary>The workflow's own parameter: <c>synthetic-fraction</c> f in (0, 1], default 0.5.</summary>
    public static IReadOnlyList<ParameterSpec> Specs { get; } =
    [
        ParameterSpec.Real("synthetic-fraction", "fraction of each training set taken from the newest synthetic generation", 0.5, above: 0, inclusive: true, atMost: 1),
    ];

    /// <summary>f.</summary>
    public double SyntheticFraction { get; } = parameters.Real("synthetic-fraction");

    /// <inheritdoc/>
    public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng)
    {
        var synthetic = Of(pool, Origin.Synthetic);
        int newest = synthetic.Length == 0 ? -1 : synthetic[^1];
        int fromSynthetic = newest < 0 ? 0 : Math.Min(pool[newest].Count, (int)Math.Round(SyntheticFraction * samples, MidpointRounding.AwayFromZero));
        var real = AccumulateSubsample.Subsample(pool, Of(pool, Origin.Real), samples - fromSynthetic, rng);
        if (fromSynthetic == 0) return real;
        var fake = AccumulateSubsample.Subsample(pool, [newest], fromSynthetic, rng);
        return new Selection(real.Parts.Concat(fake.Parts).ToArray());
    }
}
