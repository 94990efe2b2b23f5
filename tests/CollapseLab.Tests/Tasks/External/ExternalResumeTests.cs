using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Tasks.External;

/// <summary>Iteration-level resume of external runs: the real CLI, killed with SIGKILL mid-run and started again.</summary>
public sealed class ExternalResumeTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly ToyPrograms _toy = new();

    public void Dispose() => _toy.Dispose();

    private string[] Arguments(string workdir, string csv) =>
        _toy.RunArguments("slow", "--workdir", workdir, "--workflow", "accumulate-subsample", "--samples", "10", "--iterations", "6", "--out", csv);

    [Fact]
    public void KillNineThenRerunGivesTheUninterruptedResultsAndRunsNoFinishedStepTwice()
    {
        string whole = Path.Combine(_toy.Path, "whole"), killed = Path.Combine(_toy.Path, "killed");
        var (code, _, stderr) = CollapseProcess.Run(Patience, Arguments(whole, Path.Combine(_toy.Path, "whole.csv")));
        Assert.True(code == 0, stderr);

        using (var process = new CollapseProcess(Arguments(killed, Path.Combine(_toy.Path, "killed.csv"))))
        {
            // Kill once iteration 3's fit has finished, in the middle of the run.
            var deadline = DateTime.UtcNow + Patience;
            while (!Directory.Exists(killed) || !Directory.EnumerateFiles(killed, "fit.done", SearchOption.AllDirectories).Any(f => f.Contains($"{Path.DirectorySeparatorChar}3{Path.DirectorySeparatorChar}")))
            {
                Assert.False(process.HasExited, "the run ended before it could be killed: " + process.StandardError);
                Assert.True(DateTime.UtcNow < deadline, "iteration 3 never finished its fit");
                Thread.Sleep(10);
            }
            process.KillHard();
        }
        Assert.False(File.Exists(Path.Combine(_toy.Path, "killed.csv")));
        (code, _, stderr) = CollapseProcess.Run(Patience, Arguments(killed, Path.Combine(_toy.Path, "killed.csv")));
        Assert.True(code == 0, stderr);

        Assert.Equal(MetricRows(Path.Combine(_toy.Path, "whole.csv")), MetricRows(Path.Combine(_toy.Path, "killed.csv")));
        var log = File.ReadAllLines(Directory.EnumerateFiles(killed, "steps.log", SearchOption.AllDirectories).Single());
        var ran = log.Where(l => l.StartsWith("ran ")).Select(l => l[4..]).ToArray();
        Assert.Equal(ran.Distinct(), ran); // no step that finished ran again
        Assert.Contains("reused fit 1", log);
        foreach (var step in new[] { "fit", "score" }.SelectMany(s => Enumerable.Range(1, 6).Select(t => $"{s} {t}")))
            Assert.Contains(log, l => l.EndsWith(" " + step));
    }

    /// <summary>The CSV's rows without the workdir column (the two runs differ only there).</summary>
    private static string[] MetricRows(string csv)
    {
        var lines = File.ReadAllLines(csv);
        int workdir = Array.IndexOf(lines[0].Split(','), "workdir");
        return lines.Skip(1).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != workdir))).ToArray();
    }
}
