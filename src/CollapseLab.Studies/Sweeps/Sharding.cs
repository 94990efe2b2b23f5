namespace CollapseLab.Sweeps;

/// <summary>
/// Splits a sweep's runs into shards of similar expected cost (<see cref="RunCost"/>), deterministically: every
/// process that expands the same sweep file computes the same split, so shards can run anywhere, in any order.
/// </summary>
public static class Sharding
{
    /// <summary>
    /// The runs of <paramref name="shard"/>, in sweep order. Longest-processing-time-first: runs sorted by cost
    /// (descending, ties by run id) each go to the shard with the smallest total so far (ties: lowest index),
    /// which keeps every shard within the largest single run's cost of the mean.
    /// </summary>
    public static IReadOnlyList<T> Select<T>(IReadOnlyList<T> runs, Shard shard, Func<T, double> cost, Func<T, string> id)
    {
        if (shard.Count == 1) return runs;
        var assignment = Assign(runs, shard.Count, cost, id);
        return runs.Where((_, i) => assignment[i] == shard.Index - 1).ToArray();
    }

    /// <summary>The 0-based shard of each run.</summary>
    public static int[] Assign<T>(IReadOnlyList<T> runs, int shards, Func<T, double> cost, Func<T, string> id)
    {
        var costs = runs.Select(cost).ToArray();
        var ids = runs.Select(id).ToArray();
        var order = Enumerable.Range(0, runs.Count)
            .OrderByDescending(i => costs[i])
            .ThenBy(i => ids[i], StringComparer.Ordinal)
            .ToArray();
        var loads = new PriorityQueue<int, (double Load, int Index)>();
        for (int s = 0; s < shards; s++) loads.Enqueue(s, (0, s));
        var assignment = new int[runs.Count];
        foreach (int i in order)
        {
            loads.TryDequeue(out int s, out var load);
            assignment[i] = s;
            loads.Enqueue(s, (load.Load + costs[i], s));
        }
        return assignment;
    }
}
