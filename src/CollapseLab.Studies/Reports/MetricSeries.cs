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

    /// <summary>
    /// The k of "every k-th recorded iteration" when <see cref="Plotted"/> dropped iterations (null when the series is
    /// whole): the caption says so.
    /// </summary>
    public int? ThinnedStride { get; init; }

    /// <summary>How many iterations the series had before <see cref="Plotted"/>.</summary>
    public int RecordedCount { get; init; }

    /// <summary>
    /// The series a figure draws: the iterations <see cref="Figures.PlottedIterations.Of"/> keeps, the first, the last
    /// and the first of the verdict's last half among them, each with its exact summary.
    /// </summary>
    public MetricSeries Plotted()
    {
        if (Points.Count <= Figures.PlottedIterations.AllUpTo) return this with { RecordedCount = Points.Count };
        int first = Points[0].Iteration, last = Points[^1].Iteration;
        var kept = new HashSet<int>(Figures.PlottedIterations.Of(Points.Select(p => p.Iteration).ToArray(), [VerdictRule.SlopeStart(first, last)]));
        return this with
        {
            Points = Points.Where(p => kept.Contains(p.Iteration)).ToArray(),
            ThinnedStride = Figures.PlottedIterations.Stride(Points.Count),
            RecordedCount = Points.Count,
        };
    }

    /// <summary>The largest and smallest number of seeds over iterations.</summary>
    public (int Min, int Max) SeedCounts =>
        Points.Count == 0 ? (0, 0) : (Points.Min(p => p.Summary.Count), Points.Max(p => p.Summary.Count));
}
