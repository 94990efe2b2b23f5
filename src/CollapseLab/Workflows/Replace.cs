using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>Train on the newest generation only (t = 1: the real data).</summary>
public sealed class Replace : IWorkflow
{
    public string Name => "replace";

    public ParameterValues Parameters { get; } = ParameterValues.Parse([], new Dictionary<string, string>(), "replace");

    public Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng) => Selection.Whole([pool.Count - 1]);
}
