using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Cli;

/// <summary>
/// <c>reproduce</c> checks its outputs before it fetches corpora or starts the study's thousands of runs: a bad
/// <c>--out</c> or <c>--store</c> is exit code 2 at once, with nothing fetched, run or written.
/// </summary>
[Collection(CliTestCollection.Name)]
public sealed class ReproduceCommandTests
{
    [Theory]
    [InlineData("/proc/collapse-report")]
    [InlineData("/proc/collapse-report/nested")]
    [InlineData("a-file")]
    public void A_report_folder_that_cannot_be_written_is_refused_before_anything_runs(string output)
    {
        using var directory = new TempDirectory();
        string store = directory.File("results.duckdb");
        if (output == "a-file") File.WriteAllText(output = directory.File("a-file"), "not a folder");

        var (code, stdout, error) = CliRunner.Run("reproduce", "--out", output, "--store", store);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: ", error);
        Assert.Contains($"--out '{output}'", error);
        Assert.False(File.Exists(store));
        Assert.DoesNotContain("Brown Corpus", error);
    }

    [Theory]
    [InlineData("not-a-store.duckdb")]
    [InlineData("no-such-folder/results.duckdb")]
    [InlineData("")]
    public void A_store_that_cannot_be_opened_is_refused_before_anything_runs_or_is_written(string store)
    {
        using var directory = new TempDirectory();
        string report = directory.File("report/nested");
        if (store.Length > 0) store = directory.File(store);
        if (store.EndsWith("not-a-store.duckdb", StringComparison.Ordinal)) File.WriteAllText(store, "plain text, not DuckDB");

        var (code, stdout, error) = CliRunner.Run("reproduce", "--out", report, "--store", store);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: ", error);
        Assert.DoesNotContain("Brown Corpus", error);
        Assert.False(Directory.Exists(directory.File("report")));
        if (store.EndsWith("not-a-store.duckdb", StringComparison.Ordinal)) Assert.Equal("plain text, not DuckDB", File.ReadAllText(store));
    }
}
