namespace CollapseLab.Loop;

/// <summary>Collects the metrics of one run, iteration by iteration.</summary>
/// <param name="iteration">The iteration the first metrics belong to (the generation loop sets each one as it goes).</param>
public sealed class MetricSink(int iteration = 0)
{
    private readonly List<MetricRow> _rows = [];

    /// <summary>The iteration the next metrics belong to.</summary>
    public int Iteration { get; internal set; } = iteration;

    /// <summary>Records <paramref name="metric"/> (a name from <see cref="MetricNames"/>) at the current iteration.</summary>
    public void Add(string metric, double value) => _rows.Add(new MetricRow(Iteration, metric, value));

    /// <summary>The metrics recorded so far, in the order they were added.</summary>
    public IReadOnlyList<MetricRow> Rows => _rows;
}

/// <summary>One metric value of one run at one iteration.</summary>
public readonly record struct MetricRow(int Iteration, string Metric, double Value);
