using CollapseLab.Tasks;
using System.Text.RegularExpressions;
using CollapseLab.Store;
using CollapseLab.Sweeps;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Cli;

/// <summary><c>collapse report STORE --watch</c> beside a running <c>collapse sweep run</c>, both real processes.</summary>
public sealed class ReportWatchTests
{
    private const string Sweep = """
        task: gaussian
        parameters:
          workflow: {values: [replace, accumulate, accumulate-subsample]}
          dim: {value: 3}
          samples: {values: [10, 100]}
          iterations: {value: 100}
          seeds: {value: "0-99"}
        """;

    [Fact]
    public void The_view_refreshes_while_the_sweep_runs_and_neither_blocks_nor_corrupts_it()
    {
        using var directory = new TempDirectory();
        string sweep = directory.File("sweep.yaml"), store = directory.File("results.duckdb"), report = directory.File("live");
        File.WriteAllText(sweep, Sweep);
        int expected = SweepFile.Load(sweep, TaskCatalog.BuiltIn).Expand().Count;

        using var run = new CollapseProcess("sweep", "run", sweep, "--store", store, "--threads", "2");
        using var watch = new CollapseProcess("report", store, "--watch", "1", "--out", report);
        Assert.Equal(0, run.Wait(TimeSpan.FromMinutes(10)));
        Assert.Equal(0, watch.Wait(TimeSpan.FromMinutes(5)));

        // the sweep finished everything, as without a reader
        Assert.Contains($"done: {expected:N0} completed, 0 skipped (already in the store), 0 failed", run.StandardError);
        using (var results = ResultStore.OpenReadOnly(store))
        {
            Assert.Equal(expected, results.ReadRuns().Count(r => r.Status == RunStatus.Completed));
            Assert.Equal(expected * 100L * 5, results.MetricRowCount());
        }
        Assert.False(File.Exists(ResultStore.LivePath(store)));
        // every live view showed whole runs, never more than there are and never fewer than before; the last is final
        var counts = Regex.Matches(watch.StandardError, @"live: (\d+) runs").Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        Assert.All(counts, c => Assert.InRange(c, 1, expected));
        Assert.Equal(counts.Order(), counts);
        Assert.Contains($"({ReportFigures(watch.StandardOutput)} figures, {expected} runs)", watch.StandardOutput);
        string html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.DoesNotContain("http-equiv=\"refresh\"", html);
    }

    private static string ReportFigures(string output) => Regex.Match(output, @"\((\d+) figures, ").Groups[1].Value;
}
