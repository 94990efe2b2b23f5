using CollapseLab.Tasks;
using System.Diagnostics;
using CollapseLab.Running;
using CollapseLab.Store;
using CollapseLab.Sweeps;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Store;

/// <summary>The real CLI, killed with SIGKILL in the middle of a sweep, then rerun.</summary>
public class KillResumeTests
{
    // Sized to take several seconds even on an idle machine, so there is a "middle" to kill it in.
    private const string Sweep = """
        task: gaussian
        parameters:
          workflow: {values: [replace, accumulate, accumulate-subsample]}
          dim: {value: 40}
          samples: {value: 1000}
          iterations: {value: 100}
          seeds: {value: "0-39"}
        """;

    [Fact]
    public void KillDuringASweepThenRerunEqualsAnUninterruptedSweep()
    {
        using var directory = new TempDirectory();
        string sweep = directory.File("sweep.yaml"), store = directory.File("results.duckdb");
        File.WriteAllText(sweep, Sweep);
        var runs = SweepFile.Load(sweep, TaskCatalog.BuiltIn).Expand();

        using (var first = new CollapseProcess("sweep", "run", sweep, "--store", store, "--threads", "2"))
        {
            // The write-ahead log appears with the first commit; kill a little after it, mid-sweep.
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(store + ".wal") && new FileInfo(store + ".wal").Length > 0) && !first.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90))
                Thread.Sleep(20);
            Thread.Sleep(300);
            Assert.False(first.HasExited, $"the sweep ended before it could be killed:\n{first.StandardError}");
            first.KillHard();
        }

        int committed;
        using (var killed = ResultStore.OpenReadOnly(store))
        {
            committed = killed.CompletedRunIds().Count;
            Assert.InRange(committed, 1, runs.Count - 1);
            AssertWholeRuns(killed, iterations: 100);
        }

        var (code, _, error) = CollapseProcess.Run(TimeSpan.FromMinutes(3), "sweep", "run", sweep, "--store", store, "--threads", "2");
        Assert.True(code == 0, error);
        Assert.Contains($"{committed:N0} already in the store, {runs.Count - committed:N0} to run", error);

        var expected = Runner.Run(runs, threads: 2);
        using var resumed = ResultStore.OpenReadOnly(store);
        AssertWholeRuns(resumed, iterations: 100);
        ResultStoreTests.AssertSameResults(expected, resumed.ReadResults(TaskCatalog.BuiltIn));
    }

    [Fact]
    public void BadInputExitsWithCode2AndALocatedMessage()
    {
        using var directory = new TempDirectory();
        string sweep = directory.File("bad.yaml");
        File.WriteAllText(sweep, "task: gaussian\nparameters:\n  dim: {values: [1, two]}\n");
        var (code, _, error) = CollapseProcess.Run(TimeSpan.FromMinutes(1), "sweep", "run", sweep, "--store", directory.File("s.duckdb"));
        Assert.Equal(2, code);
        Assert.Contains($"{sweep}:3:21: invalid dim 'two'", error);
        Assert.False(File.Exists(directory.File("s.duckdb")));

        File.WriteAllText(directory.File("garbage.duckdb"), "not a database");
        (code, _, error) = CollapseProcess.Run(TimeSpan.FromMinutes(1), "store", "export", directory.File("garbage.duckdb"), "--csv", directory.File("x.csv"));
        Assert.Equal(2, code);
        Assert.Contains("not a CollapseLab results store", error);
        Assert.Equal("not a database", File.ReadAllText(directory.File("garbage.duckdb")));
    }

    /// <summary>No run appears twice and every completed run has all its metric rows (no partial runs).</summary>
    private static void AssertWholeRuns(ResultStore store, int iterations)
    {
        var runs = store.ReadRuns();
        Assert.Equal(runs.Count, runs.Select(r => r.RunId).Distinct().Count());
        var results = store.ReadResults(TaskCatalog.BuiltIn);
        Assert.All(results, r => Assert.Equal(iterations * 5, r.Metrics.Count));
        Assert.Equal(results.Sum(r => r.Metrics.Count), store.MetricRowCount());
    }
}
