using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>Train on the last k generations (the real data while it is among them); k ≥ T is Accumulate.</summary>
public sealed class Window(ParameterValues parameters) : Workflow("window", parameters)
{
    /// <summary>The workflow's own parameter: <c>window</c> k ≥ 1, default 2.</summary>
    public static IReadOnlyList<ParameterSpec> Specs { get; } =
    [
        ParameterSpec.Int("window", "number k of most recent generations to train on", 2, min: 1),
    ];

    private readonly int _window = parameters.Int("window");

    /// <inheritdoc/>
    public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng)
    {
        int oldest = pool[^1].Generation - _window + 1;
        return Selection.Whole(Enumerable.Range(0, pool.Count).Where(e => pool[e].Generation >= oldest));
    }
}
