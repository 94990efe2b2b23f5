namespace CollapseLab.Tests.Cli;

/// <summary>Options that would make one run, study or sweep larger than the machine can hold are refused before anything is allocated or written.</summary>
[Collection(CliTestCollection.Name)]
public sealed class SizeLimitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("collapse-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("--samples 2147483647 --iterations 2", "--samples 2147483647", "at most 2,147,483,591 samples")]
    [InlineData("--samples 100 --iterations 50 --workflow accumulate --growth geometric:1e308", "--growth geometric:1E+308", "more than 1e+308 samples")]
    [InlineData("--samples 100 --iterations 2147483647", "--iterations 2147483647", "at most 2,147,483,591 samples")]
    public void RunRefusesAPoolNoArrayCanHold(string options, string given, string limit)
    {
        string output = Path.Combine(_directory, "out.csv");
        var (code, stdout, stderr) = CliRunner.Run(["run", "gaussian", .. options.Split(' '), "--out", output]);
        Assert.Equal(2, code);
        Assert.Contains("run too large for task gaussian", stderr);
        Assert.Contains(given, stderr);
        Assert.Contains(limit, stderr);
        Assert.Equal("", stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void MixtureRefusesACellNoArrayCanHoldInsteadOfRunningNoCells()
    {
        string store = Path.Combine(_directory, "m.duckdb");
        var (code, _, stderr) = CliRunner.Run("mixture", "gaussian", "--real", "10", "--synthetic", "2147483647", "--store", store);
        Assert.Equal(2, code);
        Assert.Contains("its largest cell would train on 2,147,483,657 samples", stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void SweepRefusesAGridOfMoreThanTenMillionRunsBeforeExpandingIt()
    {
        string sweep = Path.Combine(_directory, "big.yaml");
        File.WriteAllText(sweep, "task: gaussian\nparameters:\n  dim: {values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}\n  sigma2: {values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}\n"
            + "  samples: {values: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]}\n  seeds: {values: [\"0-9999999\", \"10000000-19999999\", \"20000000-29999999\", \"30000000-39999999\", \"40000000-49999999\", \"50000000-59999999\", \"60000000-69999999\", \"70000000-79999999\", \"80000000-89999999\", \"90000000-99999999\"]}\n");
        var (code, stdout, stderr) = CliRunner.Run("sweep", "plan", sweep);
        Assert.Equal(2, code);
        Assert.Contains("big.yaml:1:7: the grid lists 100,000,000,000 runs (10 dim × 10 sigma2 × 10 samples × 100,000,000 seed); a sweep runs at most 10,000,000", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void SweepRefusesARunTooLargeAtItsPlaceInTheFile()
    {
        string sweep = Path.Combine(_directory, "growth.yaml");
        File.WriteAllText(sweep, "task: gaussian\nparameters:\n  workflow: {value: accumulate}\n  growth: {values: [constant, \"geometric:1e308\"]}\n");
        var (code, _, stderr) = CliRunner.Run("sweep", "plan", sweep);
        Assert.Equal(2, code);
        Assert.Contains("growth.yaml:4:31: run too large for task gaussian", stderr);
        Assert.Contains("(in the grid point workflow=accumulate, growth=geometric:1E+308)", stderr);
    }
}
