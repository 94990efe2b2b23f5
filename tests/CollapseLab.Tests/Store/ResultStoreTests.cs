using CollapseLab.Tasks;
using System.Security.Cryptography;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Store;
using CollapseLab.Sweeps;
using CollapseLab.Tests.Support;
using DuckDB.NET.Data;

namespace CollapseLab.Tests.Store;

public class ResultStoreTests
{
    private const string SmallSweep = """
        task: gaussian
        parameters:
          workflow: {values: [replace, accumulate, accumulate-subsample]}
          dim: {values: [1, 4]}
          samples: {value: 12}
          iterations: {value: 8}
          seeds: {value: "0-5"}
        """;

    private static IReadOnlyList<RunSpec> SmallRuns() => SweepFile.Parse(SmallSweep, "small.yaml", TaskCatalog.BuiltIn).Expand();

    [Fact]
    public void ResultsRoundTripBitForBit()
    {
        using var directory = new TempDirectory();
        var results = Runner.Run(SmallRuns(), threads: 2);
        using (var store = ResultStore.Open(directory.File("r.duckdb")))
            Assert.Equal(results.Length, store.Write(results, threads: 2));

        using var reopened = ResultStore.OpenReadOnly(directory.File("r.duckdb"));
        var read = reopened.ReadResults(TaskCatalog.BuiltIn);
        AssertSameResults(results, read);
        var run = reopened.ReadRuns().First();
        Assert.Equal((RunStatus.Completed, Environment.MachineName, ResultStore.ToolVersion, 2), (run.Status, run.Host, run.ToolVersion, run.Threads));
        Assert.True(run.FinishedAt >= run.StartedAt);
        Assert.Equal(results.Length, reopened.CompletedRunIds().Count);
    }

    /// <summary>
    /// A parameter left out of a stored run at its default (temperature here, as sft-corpus was for the language model
    /// before its default changed) is read back as the entry's stored default, not today's default; without one, as today's.
    /// </summary>
    [Fact]
    public void AStoredRunLackingAParameterIsRebuiltWithTheEntrysStoredDefault()
    {
        using var directory = new TempDirectory();
        var run = Runner.Run([RunSpec.Create(new CollapseLab.Tasks.Gaussian.GaussianSetting(), new CollapseLab.Workflows.Replace(), 10, 2, 0)]);
        using (var store = ResultStore.Open(directory.File("r.duckdb"))) store.Write(run, 1);

        var gaussian = CollapseLab.Tasks.Gaussian.GaussianSetting.Info with { StoredDefaults = new Dictionary<string, string> { ["temperature"] = "0.5" } };
        var older = new TaskCatalog([gaussian], CollapseLab.Workflows.WorkflowCatalog.BuiltIn);
        using var read = ResultStore.OpenReadOnly(directory.File("r.duckdb"));
        Assert.Equal(0.5, ((CollapseLab.Tasks.Gaussian.GaussianSetting)Assert.Single(read.ReadResults(older)).Spec.Task).Temperature);
        Assert.Equal(1.0, ((CollapseLab.Tasks.Gaussian.GaussianSetting)Assert.Single(read.ReadResults(TaskCatalog.BuiltIn)).Spec.Task).Temperature);
    }

    [Fact]
    public void WritingACompletedRunAgainIsANoOpAndAFailureIsReplacedByACompletion()
    {
        using var directory = new TempDirectory();
        var spec = SmallRuns()[0];
        var good = spec.Task.Run(spec);
        var failed = good with { Metrics = good.Metrics.Take(3).ToArray(), Error = "boom" };
        using var store = ResultStore.Open(directory.File("r.duckdb"));
        Assert.Equal(1, store.Write([failed], 1));
        Assert.Equal(RunStatus.Failed, store.RunStatuses[spec.Id]);
        Assert.Equal(1, store.Write([good], 1));
        Assert.Equal(0, store.Write([good, failed], 1));
        var read = Assert.Single(store.ReadResults(TaskCatalog.BuiltIn));
        Assert.True(read.Succeeded);
        Assert.Equal(good.Metrics, read.Metrics);
    }

    [Fact]
    public void AThrowingRunIsRecordedAndTheOthersComplete()
    {
        var runs = SweepFile.Parse("task: test-throwing\nparameters:\n  fail-seed: {value: 3}\n  samples: {value: 4}\n  iterations: {value: 5}\n  seeds: {value: 0-7}", "t.yaml", ThrowingSetting.Catalog).Expand();
        using var directory = new TempDirectory();
        using var store = ResultStore.Open(directory.File("r.duckdb"));

        var outcome = SweepRunner.Run(runs, store, threads: 2);
        Assert.Equal((8, 0, 7, 1), (outcome.Total, outcome.Skipped, outcome.Completed, outcome.Failed));
        Assert.Contains("deliberate task bug", outcome.Failures[0].Error);

        var stored = store.ReadRuns().ToDictionary(r => r.Seed);
        Assert.Equal(RunStatus.Failed, stored[3].Status);
        Assert.Contains("InvalidOperationException: deliberate task bug", stored[3].Error);
        Assert.All(stored.Values.Where(r => r.Seed != 3), r => Assert.Equal(RunStatus.Completed, r.Status));
        var results = store.ReadResults(ThrowingSetting.Catalog).ToDictionary(r => r.Spec.Seed);
        Assert.Single(results[3].Metrics); // what it recorded before throwing
        Assert.Equal(5, results[0].Metrics.Count);

        // A rerun retries only the failure.
        var again = SweepRunner.Run(runs, store, threads: 2);
        Assert.Equal((7, 0, 1), (again.Skipped, again.Completed, again.Failed));
    }

    [Fact]
    public void TwoShardsMergedEqualTheUnshardedSweep()
    {
        using var directory = new TempDirectory();
        var runs = SmallRuns();
        using (var whole = ResultStore.Open(directory.File("whole.duckdb"))) SweepRunner.Run(runs, whole, threads: 2);
        for (int i = 1; i <= 2; i++)
        {
            var shard = Sharding.Select(runs, new Shard(i, 2), RunCost.Estimate, r => r.Id);
            Assert.NotEmpty(shard);
            Assert.True(shard.Count < runs.Count);
            using var store = ResultStore.Open(directory.File($"shard{i}.duckdb"));
            SweepRunner.Run(shard, store, threads: 1);
        }
        var report = ResultStore.Merge([directory.File("shard1.duckdb"), directory.File("shard2.duckdb")], directory.File("merged.duckdb"));
        Assert.Equal((runs.Count, 0, 0), (report.Added, report.Replaced, report.Conflicts.Count));

        using var merged = ResultStore.OpenReadOnly(directory.File("merged.duckdb"));
        using var reference = ResultStore.OpenReadOnly(directory.File("whole.duckdb"));
        AssertSameResults(reference.ReadResults(TaskCatalog.BuiltIn), merged.ReadResults(TaskCatalog.BuiltIn));
    }

    [Fact]
    public void MergeKeepsDuplicatesOnceAndReportsConflicts()
    {
        using var directory = new TempDirectory();
        var results = Runner.Run(SmallRuns().Take(4).ToArray());
        var altered = results[1] with { Metrics = results[1].Metrics.Select((m, i) => i == 0 ? m with { Value = m.Value + 1 } : m).ToArray() };
        var failedCopy = results[2] with { Error = "boom" };
        using (var a = ResultStore.Open(directory.File("a.duckdb"))) a.Write([results[0], results[1], failedCopy], 1);
        using (var b = ResultStore.Open(directory.File("b.duckdb"))) b.Write([results[0], altered, results[2], results[3]], 1);

        ResultStore.Merge([directory.File("a.duckdb")], directory.File("m.duckdb"));
        var report = ResultStore.Merge([directory.File("b.duckdb")], directory.File("m.duckdb"));
        Assert.Equal(1, report.Added);      // results[3]
        Assert.Equal(1, report.Replaced);   // failed copy of results[2] replaced by the completed one
        Assert.Equal(1, report.Identical);  // results[0]
        var conflict = Assert.Single(report.Conflicts);
        Assert.Equal(results[1].Spec.Id, conflict.RunId);

        using var merged = ResultStore.OpenReadOnly(directory.File("m.duckdb"));
        AssertSameResults(results, merged.ReadResults(TaskCatalog.BuiltIn));
    }

    [Fact]
    public void IncompatibleSchemaVersionIsAClearErrorAndTheFileIsUntouched()
    {
        using var directory = new TempDirectory();
        string path = directory.File("old.duckdb");
        using (var store = ResultStore.Open(path)) store.Write(Runner.Run(SmallRuns().Take(2).ToArray()), 1);
        using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE store_info SET value = '99' WHERE key = 'schema_version'; CHECKPOINT;";
            command.ExecuteNonQuery();
        }
        var before = Snapshot(directory.Path);

        var e = Assert.Throws<StoreException>(() => ResultStore.Open(path));
        Assert.Contains("schema version 99", e.Message);
        Assert.Contains($"reads schema version {ResultStore.SchemaVersion}", e.Message);
        Assert.Throws<StoreException>(() => ResultStore.OpenReadOnly(path));
        Assert.Throws<StoreException>(() => ResultStore.Merge([path], directory.File("new.duckdb")));
        Assert.Equal(before, Snapshot(directory.Path));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("random")]
    [InlineData("truncated")]
    [InlineData("other-duckdb")]
    public void ACorruptOrForeignFileIsAClearErrorAndUntouched(string kind)
    {
        using var directory = new TempDirectory();
        string path = directory.File("bad.duckdb");
        switch (kind)
        {
            case "text": File.WriteAllText(path, "run_id,metric,value\n1,test_nll,0.5\n"); break;
            case "random": File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(300_000)); break;
            case "truncated":
                using (var store = ResultStore.Open(path)) store.Write(Runner.Run(SmallRuns().Take(2).ToArray()), 1);
                var bytes = File.ReadAllBytes(path);
                File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
                break;
            case "other-duckdb":
                using (var connection = new DuckDBConnection($"Data Source={path}"))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE measurements (x DOUBLE); INSERT INTO measurements VALUES (1);";
                    command.ExecuteNonQuery();
                }
                break;
        }
        var before = Snapshot(directory.Path);
        var e = Assert.Throws<StoreException>(() => ResultStore.Open(path));
        Assert.Contains("not a CollapseLab results store", e.Message);
        Assert.Contains("the file was not changed", e.Message);
        Assert.Equal(before, Snapshot(directory.Path));
    }

    [Fact]
    public void ExportWritesLongFormatParquetAndCsvWithParameterColumns()
    {
        using var directory = new TempDirectory();
        var results = Runner.Run(SmallRuns());
        using (var store = ResultStore.Open(directory.File("r.duckdb"))) store.Write(results, 1);
        using (var store = ResultStore.OpenReadOnly(directory.File("r.duckdb")))
        {
            store.Export(directory.File("m.parquet"), ExportFormat.Parquet);
            store.Export(directory.File("m.csv"), ExportFormat.Csv);
        }
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var file in new[] { "m.parquet", "m.csv" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*), count(DISTINCT run_id), CAST(sum(dim) AS BIGINT), typeof(first(dim)), first(metric) FROM '{directory.File(file)}'";
            using var reader = command.ExecuteReader();
            reader.Read();
            Assert.Equal(results.Sum(r => r.Metrics.Count), reader.GetInt64(0));
            Assert.Equal(results.Length, reader.GetInt64(1));
            Assert.Equal(results.Sum(r => r.Metrics.Count * int.Parse(r.Spec.Task.Parameters.Text("dim")!)), reader.GetInt64(2));
            Assert.Equal("BIGINT", reader.GetString(3));
        }
        Assert.Empty(Directory.GetFiles(directory.Path, ".*")); // no temporary files left
    }

    [Fact]
    public void ExportKeepsFractionalParametersAsNumbers()
    {
        using var directory = new TempDirectory();
        var spec = new RunSpec(new CollapseLab.Tasks.Gaussian.GaussianSetting(new() { Dim = 2, Sigma2 = 0.002 }), CollapseLab.Workflows.WorkflowCatalog.BuiltIn.Create("replace"), 10, 2, 0);
        using (var store = ResultStore.Open(directory.File("r.duckdb")))
        {
            store.Write(Runner.Run([spec]), 1);
            store.Export(directory.File("m.csv"), ExportFormat.Csv);
        }
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT first(sigma2), typeof(first(sigma2)), typeof(first(dim)) FROM '{directory.File("m.csv")}'";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal(0.002, reader.GetDouble(0));
        Assert.Equal(("DOUBLE", "BIGINT"), (reader.GetString(1), reader.GetString(2)));
    }

    [Fact]
    public void SummariesAggregateCompletedRunsInSql()
    {
        using var directory = new TempDirectory();
        var results = Runner.Run(SmallRuns());
        using var store = ResultStore.Open(directory.File("r.duckdb"));
        store.Write(results, 1);
        var summary = store.SummarizeMetrics("gaussian", MetricNames.CovTraceRatio)
            .Single(s => s.Workflow == "replace" && s.Parameters["dim"] == "4" && s.Iteration == 8);
        var values = results.Where(r => r.Spec.Workflow.Name == "replace" && r.Spec.Task.Parameters.Text("dim") == "4")
            .Select(r => r.Metrics.Single(m => m.Iteration == 8 && m.Metric == MetricNames.CovTraceRatio).Value).ToArray();
        Assert.Equal(6, summary.Runs);
        Assert.Equal(values.Average(), summary.Mean, 12);
        Assert.Equal(values.Min(), summary.Min);
        Assert.Equal(6, store.CountRuns().Single(g => g.Workflow == "replace" && g.Parameters["dim"] == "4").Completed);
    }

    internal static void AssertSameResults(IEnumerable<RunResult> expected, IEnumerable<RunResult> actual)
    {
        var want = expected.OrderBy(r => r.Spec.Id, StringComparer.Ordinal).ToArray();
        var got = actual.OrderBy(r => r.Spec.Id, StringComparer.Ordinal).ToArray();
        Assert.Equal(want.Select(r => r.Spec.Id), got.Select(r => r.Spec.Id));
        for (int i = 0; i < want.Length; i++)
        {
            Assert.Equal(want[i].Spec.Key, got[i].Spec.Key);
            Assert.Equal(want[i].Error, got[i].Error);
            Assert.Equal(want[i].Metrics.Count, got[i].Metrics.Count);
            for (int k = 0; k < want[i].Metrics.Count; k++)
            {
                var (a, b) = (want[i].Metrics[k], got[i].Metrics[k]);
                Assert.True(a.Iteration == b.Iteration && a.Metric == b.Metric && BitConverter.DoubleToInt64Bits(a.Value) == BitConverter.DoubleToInt64Bits(b.Value),
                    $"run {want[i].Spec.Id} row {k}: expected {a}, got {b}");
            }
        }
    }

    /// <summary>Every file in the directory with its content hash.</summary>
    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
