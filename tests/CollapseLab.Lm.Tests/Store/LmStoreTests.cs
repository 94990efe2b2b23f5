using CollapseLab.Lm.Model;
using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Store;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Lm.Tests.Store;

/// <summary>Library code reads a store of language-model runs with the catalogue it builds, and nothing else.</summary>
public sealed class LmStoreTests
{
    [Fact]
    public void A_store_with_language_model_runs_is_read_and_reported_through_a_catalogue_holding_the_lm_entry()
    {
        var catalog = TaskCatalog.BuiltIn.With(LmSetting.Info);
        var setting = catalog.Create("lm", new Dictionary<string, string> { ["preset"] = "tiny" });
        var written = Enumerable.Range(0, 3).Select(seed => new RunResult(RunSpec.Create(setting, new Replace(), 200, 2, (ulong)seed),
            [new MetricRow(1, MetricNames.EvalLoss, 2.5 + seed), new MetricRow(2, MetricNames.EvalLoss, 2.75 + seed)], null, TimeSpan.FromSeconds(1))).ToArray();
        string folder = Directory.CreateTempSubdirectory("collapselab-lm-store-").FullName;
        try
        {
            string path = Path.Combine(folder, "lm.duckdb");
            using (var store = ResultStore.Open(path)) store.Write(written, threads: 1);

            using var reader = ResultStore.OpenReadOnly(path);
            var read = reader.ReadResults(catalog).OrderBy(r => r.Spec.Seed).ToArray();
            Assert.Equal(written.Select(r => r.Spec.Id), read.Select(r => r.Spec.Id));
            Assert.All(read, r => Assert.IsType<LmSetting>(r.Spec.Task));
            Assert.Equal(written.SelectMany(r => r.Metrics), read.SelectMany(r => r.Metrics));
            Assert.Equal(3, Report.Build(read, catalog).RunCount);

            // without the entry the store names what it cannot rebuild, instead of depending on a registration elsewhere
            var e = Assert.Throws<StoreException>(() => reader.ReadResults(TaskCatalog.BuiltIn));
            Assert.Contains("unknown task 'lm'", e.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs stored when bytes was the default (and omitted) have no tokenizer row: they read back as bytes, not as today's bpe.</summary>
    [Fact]
    public void A_run_stored_before_bpe_was_the_default_is_rebuilt_with_byte_tokens()
    {
        var catalog = TaskCatalog.BuiltIn.With(LmSetting.Info);
        var setting = catalog.Create("lm", new Dictionary<string, string> { ["preset"] = "tiny", ["tokenizer"] = "bytes" });
        var run = new RunResult(RunSpec.Create(setting, new Replace(), 200, 1, 0), [new MetricRow(1, MetricNames.EvalLoss, 2.5)], null, TimeSpan.FromSeconds(1));
        string folder = Directory.CreateTempSubdirectory("collapselab-lm-store-").FullName;
        try
        {
            string path = Path.Combine(folder, "lm.duckdb");
            using (var store = ResultStore.Open(path)) store.Write([run], threads: 1);
            using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={path}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM run_parameters WHERE name = 'tokenizer'";
                Assert.Equal(1, command.ExecuteNonQuery());
            }

            using var reader = ResultStore.OpenReadOnly(path);
            Assert.Equal(GptConfig.Tiny, ((LmSetting)Assert.Single(reader.ReadResults(catalog)).Spec.Task).Config);
            var withoutStoredDefaults = TaskCatalog.BuiltIn.With(LmSetting.Info with { StoredDefaults = new Dictionary<string, string>() });
            Assert.Equal(1024, ((LmSetting)Assert.Single(reader.ReadResults(withoutStoredDefaults)).Spec.Task).Config.Vocabulary); // the check is sharp
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
