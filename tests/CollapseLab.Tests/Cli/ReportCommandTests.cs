using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Store;
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
}
