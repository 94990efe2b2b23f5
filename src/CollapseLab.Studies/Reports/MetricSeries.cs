namespace CollapseLab.Reports;

/// <summary>One metric of one <see cref="RunGroup"/> summarized over seeds at every iteration any run reached.</summary>
public sealed record MetricSeries(RunGroup Group, string Metric, IReadOnlyList<(int Iteration, SeedSummary Summary)> Points)
{
    /// <summary>Summarizes <paramref name="metric"/> of <paramref name="group"/> iteration by iteration.</summary>
    public static MetricSeries Of(RunGroup group, string metric)
    {
        var values = new SortedDictionary<int, List<double>>();
        foreach (var run in group.Runs)
            foreach (var (iteration, value) in group.Trajectory(run, metric))
            {
                if (!values.TryGetValue(iteration, out var list)) values[iteration] = list = [];
                list.Add(value);
            }
        return new MetricSeries(group, metric, values.Select(kv => (kv.Key, SeedSummary.Of(kv.Value))).ToArray());
    }

    /// <summary>The largest and smallest number of seeds over iterations.</summary>
    public (int Min, int Max) SeedCounts =>
        Points.Count == 0 ? (0, 0) : (Points.Min(p => p.Summary.Count), Points.Max(p => p.Summary.Count));
}
