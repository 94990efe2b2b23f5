using System.Diagnostics;
using CollapseLab.Sweeps;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Sweeps;

/// <summary>The generated sbatch scripts (tests/slurm/run.sh runs them on a real cluster).</summary>
public class SlurmJobTests
{
    [Fact]
    public void WritesAnArrayAMergeChainedAfterOkAndValidBash()
    {
        using var directory = new TempDirectory();
        var job = new SlurmJob(Path.Combine(directory.Path, "my job"), 4, "gpu", 2, "01:30:00", ["dotnet", "/opt/c l/collapse.dll"], "collapse-test");
        job.Write("task: gaussian\nparameters:\n  dim: {value: 1}\n");

        Assert.True(Directory.Exists(job.Logs) && Directory.Exists(job.Stores));
        string array = File.ReadAllText(job.ArrayScript), merge = File.ReadAllText(job.MergeScript), submit = File.ReadAllText(job.SubmitScript);
        Assert.Contains("#SBATCH --array=1-4", array);
        Assert.Contains("#SBATCH --partition=gpu", array);
        Assert.Contains("#SBATCH --cpus-per-task=2", array);
        Assert.Contains("#SBATCH --time=01:30:00", array);
        Assert.Contains("dotnet '/opt/c l/collapse.dll' sweep run", array);
        Assert.Contains("--shard \"${shard}/4\"", array);
        for (int i = 1; i <= 4; i++) Assert.Contains(job.StoreOf(i), merge);
        Assert.Contains($"--into '{job.Results}'", merge);
        Assert.Contains("--dependency=afterok:\"$array\"", submit);
        foreach (var script in new[] { job.ArrayScript, job.MergeScript, job.SubmitScript })
        {
            using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", script]) { RedirectStandardError = true })!;
            string error = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, $"{script}: {error}");
        }
    }

    [Fact]
    public void SbatchLinesQuoteTheDirectoryAndEscapePercentForTheLogPattern()
    {
        using var directory = new TempDirectory();
        string jobDirectory = Path.Combine(directory.Path, "job 100% \"it's\" #1");
        var job = new SlurmJob(jobDirectory, 2, null, 1, "10", ["collapse"], "collapse-test");
        job.Write("task: gaussian\nparameters:\n  dim: {value: 1}\n");

        string array = File.ReadAllText(job.ArrayScript), merge = File.ReadAllText(job.MergeScript);
        string escaped = jobDirectory.Replace("%", "%%").Replace("\"", "\\\"").Replace("#", "\\#");
        Assert.Contains($"#SBATCH --output=\"{escaped}/logs/shard-%a.out\"\n", array);
        Assert.Contains($"#SBATCH --output=\"{escaped}/logs/merge.out\"\n", merge);
        Assert.Contains("#SBATCH --job-name=collapse-test\n", array);
        Assert.DoesNotContain("--partition", array + merge); // sbatch then uses the cluster's default partition
        Assert.Contains($"--into {SlurmJob.Quote(job.Results)}", merge);
    }

    [Theory]
    [InlineData("job\ntouch pwned")]
    [InlineData("job\rx")]
    [InlineData("job\\x")]
    public void RefusesJobDirectoriesAnSbatchLineCannotHoldAndWritesNothing(string name)
    {
        using var directory = new TempDirectory();
        var job = new SlurmJob(Path.Combine(directory.Path, name), 2, "debug", 1, "10", ["collapse"], "collapse-test");
        var error = Assert.Throws<CollapseLab.Parameters.InvalidParameterException>(() => job.Write("task: gaussian\n"));
        Assert.Equal("out", error.Parameter);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("90", true)]
    [InlineData("90:30", true)]
    [InlineData("99:59:59", true)]
    [InlineData("2-0", true)]
    [InlineData("2-23:59", true)]
    [InlineData("2-12:30:00", true)]
    [InlineData("INFINITE", true)]
    [InlineData("99:99:99", false)]
    [InlineData("10:60", false)]
    [InlineData("1:60:00", false)]
    [InlineData("2-24", false)]
    [InlineData("2-12:60", false)]
    [InlineData("2-12:30:60", false)]
    [InlineData("1-", false)]
    [InlineData("-5", false)]
    [InlineData("1:2:3:4", false)]
    [InlineData("1h", false)]
    [InlineData("", false)]
    public void AcceptsSlurmTimeFormatsWithFieldRanges(string limit, bool accepted) => Assert.Equal(accepted, SlurmJob.IsTimeLimit(limit));

    [Theory]
    [InlineData("plain/path.duckdb", "plain/path.duckdb")]
    [InlineData("with space", "'with space'")]
    [InlineData("it's", "'it'\\''s'")]
    public void QuotesWordsForBash(string word, string quoted) => Assert.Equal(quoted, SlurmJob.Quote(word));
}
