using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>Train on the newest generation only (t = 1: the real data; with fresh real data, also the real samples that joined with it).</summary>
public sealed class Replace(ParameterValues parameters) : Workflow("replace", parameters)
{
    /// <summary>The workflow with the modifiers at their defaults.</summary>
    public Replace() : this(WorkflowCatalog.BuiltIn.Defaults("replace")) { }

    /// <inheritdoc/>
    public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng) => Selection.Whole(Newest(pool));
}
