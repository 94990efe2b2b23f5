using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>
/// A data workflow: what joins the pool after each iteration (<see cref="Growth"/>) and which pool data train
/// the model of each iteration (<see cref="Select"/>).
/// </summary>
public interface IWorkflow
{
    /// <summary>The workflow's name as users write it (<c>replace</c>, <c>accumulate</c>, …).</summary>
    string Name { get; }

    /// <summary>The workflow's canonical parameter values (modifiers at their defaults are left out).</summary>
    ParameterValues Parameters { get; }

    /// <summary>What joins the pool: generation sizes, fresh real data, curation.</summary>
    PoolGrowth Growth { get; }

    /// <summary>The training data of iteration <paramref name="iteration"/> (1-based) from <paramref name="pool"/>.</summary>
    /// <param name="pool">The pool's entries, oldest first; entry 0 is the real data.</param>
    /// <param name="iteration">t, from 1.</param>
    /// <param name="samples">The size of the newest generation (n unless the sizes grow).</param>
    /// <param name="rng">This iteration's selection stream.</param>
    Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng);
}
