namespace CollapseLab.Loop;

/// <summary>Collects the metrics of one run, iteration by iteration.</summary>
public sealed class MetricSink
{
    private readonly List<MetricRow> _rows = [];

    /// <summary>The iteration the next metrics belong to.</summary>
    public int Iteration { get; internal set; }

    /// <summary>Records <paramref name="metric"/> (a name from <see cref="MetricNames"/>) at the current iteration.</summary>
    public void Add(string metric, double value) => _rows.Add(new MetricRow(Iteration, metric, value));

    internal IReadOnlyList<MetricRow> Rows => _rows;
}

/// <summary>One metric value of one run at one iteration.</summary>
public readonly record struct MetricRow(int Iteration, string Metric, double Value);
