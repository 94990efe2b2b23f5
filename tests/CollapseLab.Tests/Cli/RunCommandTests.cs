namespace CollapseLab.Tests.Cli;

[Collection(CliTestCollection.Name)]
public sealed class RunCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("collapse-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--dim", "0"], "--dim" },
        { ["--samples", "1"], "--samples" },
        { ["--iterations", "0"], "--iterations" },
        { ["--sigma2", "0"], "--sigma2" },
        { ["--sigma2", "-1"], "--sigma2" },
        { ["--sigma2", "abc"], "--sigma2" },
        { ["--workflow", "recycle"], "workflow" },
        { ["--estimator", "ridge"], "--estimator" },
        { ["--seeds", "1-"], "--seeds" },
        { ["--seeds", "5-3"], "--seeds" },
        { ["--seeds", "a,b"], "--seeds" },
        { ["--seeds", "1,1"], "--seeds" },
        { ["--threads", "-1"], "--threads" },
        { ["--dimension", "3"], "--dimension" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputExitsWithCode2AndWritesNoFile(string[] bad, string named)
    {
        string output = Path.Combine(_directory, "out.csv");
        var (code, stdout, stderr) = CliRunner.Run(["run", "gaussian", "--iterations", "2", "--out", output, .. bad]);
        Assert.Equal(2, code);
        Assert.Contains(named, stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
        Assert.Equal("", stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void UnknownTaskExitsWithCode2()
    {
        var (code, _, stderr) = CliRunner.Run("run", "gaussians");
        Assert.Equal(2, code);
        Assert.Contains("gaussians", stderr);
    }

    [Fact]
    public void UnwritableOutputExitsWithCode2BeforeRunning()
    {
        var (code, _, stderr) = CliRunner.Run("run", "gaussian", "--out", Path.Combine(_directory, "missing", "out.csv"));
        Assert.Equal(2, code);
        Assert.Contains("--out", stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void WritesLongFormatCsvWithOneRowPerSeedIterationAndMetric()
    {
        string output = Path.Combine(_directory, "g.csv");
        var (code, _, stderr) = CliRunner.Run("run", "gaussian", "--workflow", "accumulate", "--dim", "3", "--samples", "10",
            "--iterations", "4", "--seeds", "0-2,7", "--out", output);
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(output);
        Assert.Equal("task,workflow,dim,sigma2,estimator,samples,iterations,seed,iteration,metric,value", lines[0]);
        Assert.Equal(1 + 4 * 4 * 5, lines.Length);
        Assert.StartsWith("gaussian,accumulate,3,1,mle,10,4,7,4,", lines[^1]);
        Assert.Equal(["g.csv"], Directory.EnumerateFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void WithoutOutPrintsCsvToStandardOutput()
    {
        var (code, stdout, _) = CliRunner.Run("run", "gaussian", "--iterations", "1", "--samples", "5");
        Assert.Equal(0, code);
        Assert.StartsWith("task,workflow,", stdout);
        Assert.Equal(1 + 6, stdout.TrimEnd('\n').Split('\n').Length); // the header, five metrics and d = 1's fitted_mean
    }

    [Fact]
    public void HelpListsEveryTaskParameterWithItsDefault()
    {
        var (code, stdout, _) = CliRunner.Run("run", "gaussian", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--dim", "--sigma2", "--estimator", "--workflow", "--samples", "--iterations", "--seeds", "--out" })
            Assert.Contains(option, stdout);
        Assert.Contains("default mle", stdout);
    }
}
