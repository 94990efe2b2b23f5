using System.Diagnostics;
using CollapseLab.Sweeps;
using CollapseLab.Tests.Cli;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Sweeps;

/// <summary>Extra #SBATCH options (a GPU request for external runs): written as given, one per line, or refused.</summary>
[Collection(CliTestCollection.Name)]
public sealed class SlurmDirectiveTests
{
    [Fact]
    public void ArrayTasksCarryTheExtraOptionsBeforeTheScript()
    {
        using var directory = new TempDirectory();
        var job = new SlurmJob(directory.Path, 2, "gpu", 1, "01:00:00", ["collapse"], "collapse-test") { Directives = ["--gres=gpu:1", "--constraint=a100&nvlink"] };
        var lines = job.ArrayScriptText().Split('\n');
        int time = Array.IndexOf(lines, "#SBATCH --time=01:00:00");
        Assert.Equal(["#SBATCH --gres=gpu:1", "#SBATCH --constraint=a100&nvlink"], lines[(time + 1)..(time + 3)]);
        Assert.StartsWith("#SBATCH --output=", lines[time + 3]);
        Assert.DoesNotContain("--gres", job.MergeScriptText()); // the merge needs no GPU
        job.Write("task: gaussian\n");
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", job.ArrayScript]) { RedirectStandardError = true })!;
        bash.WaitForExit();
        Assert.Equal(0, bash.ExitCode);
    }

    [Theory]
    [InlineData("gres", "--gres=gpu:1 --mem=1")]
    [InlineData("x", "no-dashes")]
    [InlineData("x", "--comment=$(reboot)")]
    [InlineData("x", "--comment='a'")]
    [InlineData("x", "--a\n#SBATCH --b")]
    public void RefusesOptionsThatSbatchWouldNotReadAsWritten(string _, string directive) => Assert.NotNull(SlurmJob.CheckDirective(directive));

    [Fact]
    public void CliRefusesABadGresWithExitCode2AndWritesNothing()
    {
        using var directory = new TempDirectory();
        string sweep = directory.File("s.yaml"), job = directory.File("job");
        File.WriteAllText(sweep, "task: gaussian\nparameters:\n  iterations: {value: 2}\n");
        var (code, _, stderr) = CliRunner.Run("sweep", "slurm", sweep, "--shards", "1", "--partition", "gpu", "--out", job, "--gres", "gpu:1 --mem=9");
        Assert.Equal(2, code);
        Assert.Contains("invalid #SBATCH option '--gres=gpu:1 --mem=9'", stderr);
        Assert.False(Directory.Exists(job));
        (code, _, stderr) = CliRunner.Run("sweep", "slurm", sweep, "--shards", "1", "--partition", "gpu", "--out", job, "--gres", "gpu:2", "--sbatch=--constraint=a100");
        Assert.True(code == 0, stderr);
        Assert.Contains("#SBATCH --gres=gpu:2\n#SBATCH --constraint=a100\n", File.ReadAllText(Path.Combine(job, "sweep.sbatch")));
    }
}
