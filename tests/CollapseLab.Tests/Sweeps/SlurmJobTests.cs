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

    [Theory]
    [InlineData("plain/path.duckdb", "plain/path.duckdb")]
    [InlineData("with space", "'with space'")]
    [InlineData("it's", "'it'\\''s'")]
    public void QuotesWordsForBash(string word, string quoted) => Assert.Equal(quoted, SlurmJob.Quote(word));
}
