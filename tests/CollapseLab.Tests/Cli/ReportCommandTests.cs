using System.Globalization;
using CollapseLab.Lm;
using CollapseLab.Lm.Corpora;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Store;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Cli;

[Collection(CliTestCollection.Name)]
public sealed class ReportCommandTests
{
    [Fact]
    public void Report_writes_the_page_and_figures_and_prints_the_verdicts()
    {
        using var directory = new TempDirectory();
        string storePath = directory.File("results.duckdb");
        var task = new GaussianSetting();
        var specs = new IWorkflow[] { new Replace(), new Accumulate() }
            .SelectMany(w => Enumerable.Range(0, 6).Select(s => RunSpec.Create(task, w, 10, 5, (ulong)s))).ToArray();
        using (var store = ResultStore.Open(storePath)) store.Write(Runner.Run(specs), threads: 1);

        var (code, output, error) = CliRunner.Run("report", storePath, "--out", directory.File("report"));

        Assert.True(code == 0, error);
        Assert.Contains("median slope, last half (95% CI)", output);
        Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith("gaussian (dim=1")));
        Assert.Contains($"report: {directory.File("report/index.html")} (6 figures, 12 runs)", output);
        Assert.True(File.Exists(directory.File("report/figures/gaussian-fitted-densities.svg")));
    }

    [Theory]
    [InlineData("report", "no-such-store.duckdb")]
    [InlineData("reproduce", "--scale", "huge")]
    [InlineData("reproduce", "--threads", "-1")]
    public void Bad_input_is_exit_code_2_with_one_message(params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
    }

    [Fact]
    public void Report_of_an_empty_store_says_there_is_nothing_to_report()
    {
        using var directory = new TempDirectory();
        string storePath = directory.File("empty.duckdb");
        ResultStore.Open(storePath).Dispose();
        var (code, _, error) = CliRunner.Run("report", storePath, "--out", directory.File("report"));
        Assert.Equal(2, code);
        Assert.Contains("nothing to report", error);
        Assert.False(Directory.Exists(directory.File("report")));
    }

    /// <summary>
    /// A report is a function of the store's rows: language-model runs are reported on a machine without the corpora
    /// (the cache is an empty folder) and without the CUDA device some of them ran on. The rows are written here as a
    /// run would store them (running the model is not what is tested).
    /// </summary>
    [Fact]
    public void A_language_model_store_is_reported_without_the_corpora_or_its_cuda_device()
    {
        using var directory = new TempDirectory();
        string cache = Directory.CreateDirectory(directory.File("empty-cache")).FullName;
        string storePath = directory.File("lm.duckdb");
        string? saved = Environment.GetEnvironmentVariable(CorpusCache.EnvironmentVariable);
        Environment.SetEnvironmentVariable(CorpusCache.EnvironmentVariable, cache); // the CLI tests run one at a time
        try
        {
            var results = new[] { "cpu", "cuda" }.SelectMany(device => Enumerable.Range(0, 3).Select(seed =>
            {
                var task = TaskCatalog.BuiltIn.With(LmSetting.Info).Create("lm", new Dictionary<string, string> { ["preset"] = "tiny", ["device"] = device });
                var spec = RunSpec.Create(task, new Replace(), 200, 3, (ulong)seed);
                var metrics = Enumerable.Range(1, 3).SelectMany(t => new[]
                {
                    new MetricRow(t, MetricNames.EvalLoss, 2 + 0.1 * t + 0.01 * seed),
                    new MetricRow(t, MetricNames.MeanLength, 60 - t),
                }).ToArray();
                return new RunResult(spec, metrics, null, TimeSpan.FromSeconds(1));
            })).ToArray();
            using (var store = ResultStore.Open(storePath)) store.Write(results, threads: 1);

            var (code, output, error) = CliRunner.Run("report", storePath, "--out", directory.File("report"));

            Assert.True(code == 0, error);
            Assert.Contains("6 runs", output);
            Assert.Empty(Directory.EnumerateFileSystemEntries(cache));
        }
        finally
        {
            Environment.SetEnvironmentVariable(CorpusCache.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void A_kde_store_is_reported_after_its_data_file_is_deleted()
    {
        using var directory = new TempDirectory();
        string csv = directory.File("points.csv");
        File.WriteAllLines(csv, Enumerable.Range(0, 120).Select(i => string.Create(CultureInfo.InvariantCulture, $"{Math.Cos(i)},{Math.Sin(2.0 * i)}")));
        string storePath = directory.File("kde.duckdb");
        var task = TaskCatalog.BuiltIn.Create("kde", new Dictionary<string, string> { ["data"] = csv, ["bandwidth"] = "0.3" });
        var specs = Enumerable.Range(0, 3).Select(seed => RunSpec.Create(task, new Replace(), 20, 3, (ulong)seed)).ToArray();
        using (var store = ResultStore.Open(storePath)) store.Write(Runner.Run(specs), threads: 1);
        File.Delete(csv);

        var (code, output, error) = CliRunner.Run("report", storePath, "--out", directory.File("report"));

        Assert.True(code == 0, error);
        Assert.Contains("3 runs", output);
    }
}
