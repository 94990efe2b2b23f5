using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>Train on every generation so far: the real data and all synthetic generations.</summary>
public sealed class Accumulate(ParameterValues parameters) : Workflow("accumulate", parameters)
{
    /// <summary>The workflow with the modifiers at their defaults.</summary>
    public Accumulate() : this(WorkflowCatalog.BuiltIn.Defaults("accumulate")) { }

    /// <inheritdoc/>
    public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng) =>
        Selection.Whole(Enumerable.Range(0, pool.Count));
}
