using CollapseLab.Tasks;
using CollapseLab.Mixtures;
using CollapseLab.Reports;
using CollapseLab.Store;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tests.Cli;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Mixtures;

[Collection(CliTestCollection.Name)]
public sealed class MixtureReportTests
{
    private static readonly string[] Study =
        ["mixture", "gaussian", "--dim", "2", "--real", "1,5,20,60", "--synthetic", "0,10,40", "--seeds", "0-5", "--threads", "2"];

    [Fact]
    public void Mixture_runs_into_the_store_resumes_and_the_report_shows_its_figures_and_fit()
    {
        using var directory = new TempDirectory();
        string store = directory.File("mix.duckdb");

        var (code, _, error) = CliRunner.Run([.. Study, "--store", store]);
        Assert.True(code == 0, error);
        Assert.Contains("72 cell runs written", error); // (4 × 3 cells) × 6 seeds; (1, 0) is too small, stored as failed
        Assert.Contains("6 cell run(s) train on fewer than the 2 samples", error);

        (code, _, error) = CliRunner.Run([.. Study, "--store", store]);
        Assert.True(code == 0, error);
        Assert.Contains("6 seed(s) already complete, 0 to run", error);

        using (var results = ResultStore.OpenReadOnly(store))
        {
            var runs = results.ReadResults(TaskCatalog.BuiltIn, "gaussian");
            Assert.Equal(72, runs.Count);
            var cell = Assert.IsType<MixtureCell>(runs[0].Spec.Workflow);
            Assert.Equal(60, cell.GeneratorSamples);
            Assert.Equal(60, cell.RealPool);
            Assert.Equal(40, cell.SyntheticPool);
        }

        (code, var output, error) = CliRunner.Run("report", store, "--out", directory.File("report"));
        Assert.True(code == 0, error);
        Assert.Contains("(3 figures, 72 runs, 6 failed)", output);
        foreach (var suffix in new[] { "heatmap", "vs-synthetic", "vs-real-fraction" })
            Assert.True(File.Exists(directory.File($"report/figures/gaussian-mixture-dim2-sigma21-estimatormle-g60-{suffix}.png")), suffix);
        string html = File.ReadAllText(directory.File("report/index.html"));
        Assert.Contains("Real vs synthetic: gaussian (dim=2", html);
        Assert.Contains("log(1 + num_synthetic)</td>", html);
        Assert.Contains("R² = ", html);
    }

    [Fact]
    public void Analysis_summarizes_cells_over_seeds_and_fits_the_surface()
    {
        var setting = new GaussianSetting(new() { Dim = 1 });
        var grid = new MixtureGrid([4, 16, 64], [0, 16, 64]);
        var runs = Enumerable.Range(0, 8).SelectMany(s => MixtureStudy.RunSeed(setting, grid, (ulong)s)).ToArray();

        var study = Assert.Single(MixtureAnalysis.From(runs));
        Assert.Equal("test_nll", study.Metric);
        Assert.Equal(9, study.Cells.Count);
        Assert.All(study.Cells, c => Assert.Equal(8, c.Loss.Count));
        Assert.Equal(8, study.Seeds);
        Assert.NotNull(study.Regression);
        Assert.Equal(9, study.Regression!.Observations); // one point per cell mean
        // more real data lowers the loss without synthetic data
        Assert.True(study.Cells.Single(c => c is { NumReal: 64, NumSynthetic: 0 }).Loss.Mean < study.Cells.Single(c => c is { NumReal: 4, NumSynthetic: 0 }).Loss.Mean);

        var report = Report.Build(runs, TaskCatalog.BuiltIn);
        Assert.Empty(report.Groups); // cells are not generation-loop groups
        Assert.Equal(3, report.Figures.Count);
        Assert.Contains("Real vs synthetic", HtmlReport.Render(report));
    }

    [Theory]
    [InlineData("--real", "10,x", "--synthetic", "0")]
    [InlineData("--real", "-5", "--synthetic", "0")]
    [InlineData("--real", "0", "--synthetic", "0")]
    [InlineData("--real", "10", "--synthetic", "0", "--generator-samples", "0")]
    [InlineData("--real", "10", "--synthetic", "0", "--threads", "-1")]
    [InlineData("--real", "10", "--synthetic", "0", "--dim", "0")]
    [InlineData("--real", "10", "--synthetic", "0", "--seeds", "b")]
    [InlineData("--synthetic", "0")]
    [InlineData("--real", "10", "--synthetic", "0", "--equal-steps", "5")] // a step budget is the language model's, not an option here
    public void Bad_input_is_exit_code_2_with_one_message(params string[] args)
    {
        using var directory = new TempDirectory();
        var (code, output, error) = CliRunner.Run(["mixture", "gaussian", .. args, "--store", directory.File("m.duckdb")]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.False(File.Exists(directory.File("m.duckdb")));
    }

    [Theory]
    [InlineData("0", "invalid --equal-steps '0' for task lm: expected an integer ≥ 1")]
    [InlineData("-3", "--equal-steps")]
    [InlineData("x", "--equal-steps")]
    public void A_step_budget_below_one_is_exit_code_2_naming_it(string steps, string message)
    {
        using var directory = new TempDirectory();
        var (code, output, error) = CliRunner.Run("mixture", "lm", "--real", "10", "--synthetic", "0", "--equal-steps", steps, "--store", directory.File("m.duckdb"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Contains(message, error);
        Assert.False(File.Exists(directory.File("m.duckdb")));
    }
}
