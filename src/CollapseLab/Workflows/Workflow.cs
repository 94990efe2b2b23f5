using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>
/// Base of every workflow: a selection rule (the subclass) composed with the pool-growth modifiers every
/// workflow accepts (<c>fresh-real</c>, <c>growth</c>, <c>curate</c>).
/// </summary>
public abstract class Workflow : IWorkflow
{
    /// <summary>Modifiers every workflow accepts; at their defaults they leave runs exactly as without them.</summary>
    public static IReadOnlyList<ParameterSpec> Modifiers { get; } =
    [
        ParameterSpec.Int("fresh-real", "new real samples that join the pool with every synthetic generation", 0, min: 0) with { OmitWhenDefault = true },
        ParameterSpec.Text("growth", "size schedule of synthetic generations", "constant", SizeSchedule.Accepted,
            t => SizeSchedule.Parse(t)?.ToString()) with { OmitWhenDefault = true },
        ParameterSpec.Text("curate", "filter synthetic samples before they join the pool", "none", Curation.Accepted,
            t => Curation.Parse(t, out bool valid) is { } c ? c.ToString() : valid ? "none" : null) with { OmitWhenDefault = true },
    ];

    /// <summary>A workflow named <paramref name="name"/> whose pool growth is read from the modifiers in <paramref name="parameters"/>.</summary>
    protected Workflow(string name, ParameterValues parameters)
    {
        Name = name;
        Parameters = parameters;
        Growth = new PoolGrowth(
            SizeSchedule.Parse(parameters.Text("growth") ?? "constant")!,
            parameters.Int("fresh-real"),
            Curation.Parse(parameters.Text("curate") ?? "none", out _));
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ParameterValues Parameters { get; }

    /// <inheritdoc/>
    public PoolGrowth Growth { get; }

    /// <inheritdoc/>
    public abstract Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng);

    /// <summary>The entries added last (the newest synthetic generation and any fresh real data that joined with it).</summary>
    protected static IEnumerable<int> Newest(IReadOnlyList<PoolEntry> pool)
    {
        // Generations are appended in order, so the newest entries are a suffix: finding it from the end costs
        // O(its length), not O(pool) per iteration (a Replace run to fixation can last 10⁵ iterations).
        int generation = pool[^1].Generation, first = pool.Count - 1;
        while (first > 0 && pool[first - 1].Generation == generation) first--;
        return Enumerable.Range(first, pool.Count - first);
    }

    /// <summary>The entries of <paramref name="origin"/>.</summary>
    protected static int[] Of(IReadOnlyList<PoolEntry> pool, Origin origin) =>
        Enumerable.Range(0, pool.Count).Where(e => pool[e].Origin == origin).ToArray();
}
