namespace CollapseLab.Tests.Cli;

[Collection(CliTestCollection.Name)]
public sealed class SweepCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("collapse-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string SweepFile(string yaml = "task: gaussian\nparameters:\n  samples: {value: 10}\n  iterations: {value: 2}\n  seeds: {value: \"0-3\"}\n")
    {
        string path = Path.Combine(_directory, "sweep.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void SlurmRefusesAJobDirectoryWithANewlineAndCreatesNothing()
    {
        string sweep = SweepFile();
        string job = Path.Combine(_directory, "job\ntouch pwned");
        var (code, _, stderr) = CliRunner.Run("sweep", "slurm", sweep, "--shards", "2", "--out", job);
        Assert.Equal(2, code);
        Assert.Contains("invalid --out", stderr);
        Assert.Contains("#SBATCH", stderr);
        Assert.Equal([sweep], Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void SlurmWithoutPartitionLeavesItToTheCluster()
    {
        string job = Path.Combine(_directory, "job");
        var (code, _, stderr) = CliRunner.Run("sweep", "slurm", SweepFile(), "--shards", "2", "--out", job);
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("--partition", File.ReadAllText(Path.Combine(job, "sweep.sbatch")));
    }

    [Theory]
    [InlineData("--time", "99:99:99", "invalid --time '99:99:99'")]
    [InlineData("--time", "1-24", "invalid --time '1-24'")]
    [InlineData("--partition", "a b", "invalid --partition 'a b'")]
    [InlineData("--shards", "5", "invalid --shards 5: this sweep has 4 runs")]
    [InlineData("--cpus-per-task", "abc", "invalid --cpus-per-task 'abc': expected an integer")]
    public void SlurmRefusesBadValuesWithExitCode2AndWritesNothing(string option, string value, string message)
    {
        string sweep = SweepFile();
        string[] shards = option == "--shards" ? [] : ["--shards", "2"];
        var (code, _, stderr) = CliRunner.Run(["sweep", "slurm", sweep, .. shards, "--out", Path.Combine(_directory, "job"), option, value]);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Equal([sweep], Directory.EnumerateFileSystemEntries(_directory));
    }

    [Theory]
    [InlineData("task: gaussian\nparameters:\n  samples: {values: [10, 32\n  dim: {value: 1}\n", "sweep.yaml:3:21: not valid YAML")]
    [InlineData("task: gaussian\nparameters:\n  samples:\n    values: [10, 32", "sweep.yaml:4:13: not valid YAML")]
    [InlineData("task: gaussian\nparameters:\n  dim: {value: 1}\n\tsamples: {value: 10}\n", "sweep.yaml:4:1: not valid YAML")]
    public void MalformedYamlExitsWithCode2AtItsPlace(string yaml, string message)
    {
        var (code, _, stderr) = CliRunner.Run("sweep", "plan", SweepFile(yaml));
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void PlanRefusesMoreShardsThanRuns()
    {
        var (code, stdout, stderr) = CliRunner.Run("sweep", "plan", SweepFile(), "--shards", "1000000");
        Assert.Equal(2, code);
        Assert.Contains("invalid --shards 1,000,000: this sweep has 4 runs", stderr);
        Assert.DoesNotContain("shard ", stdout);
    }

    [Theory]
    [InlineData("run", "gaussian", "--threads", "abc")]
    [InlineData("run", "gaussian", "--threads", "99999999999")]
    [InlineData("sweep", "plan", "x.yaml", "--shards", "2.5")]
    [InlineData("mixture", "gaussian", "--real", "1", "--synthetic", "1", "--store", "s.duckdb", "--generator-samples", "many")]
    public void IntegerOptionsSayWhatTheyAccept(params string[] args)
    {
        var (code, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains($"invalid {args[^2]} '{args[^1]}'", stderr);
        Assert.Contains("integer", stderr);
        Assert.DoesNotContain("System.Int32", stderr);
    }
}
