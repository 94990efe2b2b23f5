using CollapseLab.Tasks;
using System.Diagnostics;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Store;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Store;

/// <summary>The live snapshot a writer publishes while it holds its store (what <c>collapse report --watch</c> reads).</summary>
public sealed class LiveSnapshotTests
{
    private static RunResult[] Results(int from, int count) =>
        Runner.Run(Enumerable.Range(from, count).Select(s => RunSpec.Create(new GaussianSetting(), new Replace(), 10, 5, (ulong)s)).ToArray());

    /// <summary>Waits for a condition the writer thread brings about (no timing in the assertion: a generous cap only).</summary>
    private static void WaitUntil(Func<bool> condition, string what, StoreWriter writer)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"timed out waiting for {what}; snapshot error: {writer.SnapshotError}");
            Thread.Sleep(50);
        }
    }

    private static int RunsIn(string live)
    {
        if (!File.Exists(live)) return 0;
        try
        {
            using var snapshot = ResultStore.OpenReadOnly(live);
            return snapshot.ReadRuns().Count;
        }
        catch (StoreException)
        {
            return 0; // being replaced: read it again
        }
    }

    [Fact]
    public void The_writer_publishes_whole_snapshots_while_it_writes_and_removes_them_when_done()
    {
        using var directory = new TempDirectory();
        string path = directory.File("results.duckdb"), live = ResultStore.LivePath(path);
        var first = Results(0, 10);
        var second = Results(10, 15);
        using var store = ResultStore.Open(path);
        using (var writer = new StoreWriter(store, threads: 1, liveInterval: TimeSpan.FromMilliseconds(200)))
        {
            foreach (var result in first) writer.Add(result);
            WaitUntil(() => RunsIn(live) == first.Length, "the first snapshot", writer);
            using (var snapshot = ResultStore.OpenReadOnly(live))
            {
                // a snapshot holds whole runs with every metric, bit for bit, while the store stays the writer's
                var read = snapshot.ReadResults(TaskCatalog.BuiltIn).OrderBy(r => r.Spec.Seed).ToArray();
                Assert.Equal(first.Select(r => r.Spec.Id), read.Select(r => r.Spec.Id));
                for (int i = 0; i < first.Length; i++)
                    Assert.Equal(first[i].Metrics.Select(m => BitConverter.DoubleToInt64Bits(m.Value)), read[i].Metrics.Select(m => BitConverter.DoubleToInt64Bits(m.Value)));
                var locked = Assert.Throws<StoreException>(() => ResultStore.OpenReadOnly(path + "-other-process-would-see-a-lock").Dispose());
                Assert.False(locked.InUse); // (no such file: not a lock)
            }
            // an open reader of the snapshot does not stop the next one (it is replaced by a rename; the reader keeps its file)
            var firstFile = File.GetLastWriteTimeUtc(live);
            using (var reader = ResultStore.OpenReadOnly(live))
            {
                foreach (var result in second) writer.Add(result);
                WaitUntil(() => File.GetLastWriteTimeUtc(live) != firstFile, "the second snapshot", writer);
                Assert.Equal(first.Length, reader.ReadRuns().Count);
            }
            // (DuckDB shares one open file per process, so the new snapshot is read once the old reader is closed)
            WaitUntil(() => RunsIn(live) == first.Length + second.Length, "the second snapshot's runs", writer);
            writer.Complete();
            Assert.Null(writer.SnapshotError);
        }
        Assert.False(File.Exists(live));
        Assert.Equal(first.Length + second.Length, store.ReadRuns().Count);
    }
}
