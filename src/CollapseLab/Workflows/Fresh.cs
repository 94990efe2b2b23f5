using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>
/// Replace with fresh real data: k new real samples (<c>--fresh-real</c>, required) join every synthetic
/// generation, and each model trains on the newest synthetic generation plus those k real samples.
/// </summary>
public sealed class Fresh : Workflow
{
    /// <summary>The workflow with <paramref name="parameters"/> (the modifiers; <c>fresh-real</c> is required).</summary>
    /// <exception cref="InvalidParameterException"><c>fresh-real</c> is below 1.</exception>
    public Fresh(ParameterValues parameters) : base("fresh", parameters)
    {
        if (Growth.FreshReal < 1)
            throw new InvalidParameterException("fresh-real", $"workflow fresh needs {InvalidParameterException.Name("fresh-real")} k with k ≥ 1 (new real samples per generation)");
    }

    /// <inheritdoc/>
    public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng) => Selection.Whole(Newest(pool));
}
