using BenchmarkDotNet.Attributes;
using CollapseLab.Loop;
using CollapseLab.Store;
using CollapseLab.Tasks;
using CollapseLab.Workflows;
using DuckDB.NET.Data;

namespace CollapseLab.Benchmarks.Store;

/// <summary>
/// 10⁶ metric rows (2,000 runs × 100 iterations × 5 metrics) into a fresh store in one <see cref="ResultStore.Write"/>,
/// against a bare DuckDB appender writing the same 10⁶ (run_id, iteration, metric, value) rows (the baseline:
/// what the bookkeeping — runs, parameters, transaction — adds on top of raw appends).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class StoreWriteBenchmarks
{
    private RunResult[] _results = [];
    private string _directory = "";
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("collapselab-bench-").FullName;
        var task = TaskCatalog.BuiltIn.Create("gaussian", new Dictionary<string, string> { ["dim"] = "10" });
        var workflow = WorkflowCatalog.BuiltIn.Create("replace");
        string[] metrics = [MetricNames.MeanSqError, MetricNames.CovTraceRatio, MetricNames.CovLogdetRatio, MetricNames.CovDetRatio, MetricNames.TestNll];
        _results = Enumerable.Range(0, 2000).Select(seed =>
        {
            var rows = new MetricRow[100 * metrics.Length];
            for (int t = 0; t < 100; t++)
                for (int m = 0; m < metrics.Length; m++)
                    rows[t * metrics.Length + m] = new MetricRow(t + 1, metrics[m], seed * 1e-3 + t + m * 0.1);
            return new RunResult(RunSpec.Create(task, workflow, 100, 100, (ulong)seed), rows, null, TimeSpan.FromMilliseconds(5));
        }).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    private string NextPath() => Path.Combine(_directory, $"s{_round++}.duckdb");

    [Benchmark(Description = "ResultStore.Write, 10^6 metric rows (2,000 runs)")]
    public int StoreWrite()
    {
        using var store = ResultStore.Open(NextPath());
        return store.Write(_results, threads: 2);
    }

    [Benchmark(Baseline = true, Description = "bare DuckDB appender, same 10^6 metric rows")]
    public void BareAppender()
    {
        using var connection = new DuckDBConnection($"Data Source={NextPath()}");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE metrics (run_id VARCHAR, iteration INTEGER, metric VARCHAR, value DOUBLE)";
            command.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using (var appender = connection.CreateAppender("metrics"))
            foreach (var result in _results)
            {
                string id = result.Spec.Id;
                foreach (var row in result.Metrics)
                    appender.CreateRow().AppendValue(id).AppendValue((int?)row.Iteration).AppendValue(row.Metric).AppendValue((double?)row.Value).EndRow();
            }
        transaction.Commit();
    }
}
