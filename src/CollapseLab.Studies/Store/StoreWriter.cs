using System.Collections.Concurrent;
using System.Diagnostics;
using CollapseLab.Loop;

namespace CollapseLab.Store;

/// <summary>
/// Writes finished runs to a <see cref="ResultStore"/> from a background thread, so that runs never wait for the
/// disk. Group commit: every transaction holds whatever runs finished since the previous one, and transactions
/// are at least <see cref="CommitInterval"/> apart, so tiny runs do not pay one commit each. Each run still lands
/// whole (one transaction); a crash loses at most the runs of the last interval, which a resumed sweep reruns.
/// <para>Live snapshots: after commits, at most every <see cref="LiveInterval"/> (and at least 20 times the last
/// snapshot's duration apart, so they take at most 5% of this thread), the writer copies the store to
/// <see cref="ResultStore.LivePath"/> (<see cref="ResultStore.PublishSnapshot"/>), which other processes can read while
/// the store itself stays locked (<c>collapse report STORE --watch</c>). A failed snapshot stops further snapshots
/// and never the writes; when the writer completes, the snapshot is removed (the store itself is readable then).</para>
/// </summary>
public sealed class StoreWriter : IDisposable
{
    /// <summary>Shortest time between two commits.</summary>
    public static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    /// <summary>Shortest time between two live snapshots, by default.</summary>
    public static readonly TimeSpan DefaultLiveInterval = TimeSpan.FromSeconds(10);

    /// <summary>A batch is committed early once it holds this many metric rows, to bound memory.</summary>
    private const int MaxBatchRows = 250_000;

    private readonly ResultStore _store;
    private readonly int _threads;
    private readonly BlockingCollection<RunResult> _queue = new();
    private readonly Thread _thread;
    private readonly Stopwatch _busy = new();
    private volatile Exception? _error;
    private volatile Exception? _snapshotError;
    private int _written;

    /// <param name="store">The store to write to, opened for writing.</param>
    /// <param name="threads">Parallel runs of this process, recorded with each run.</param>
    /// <param name="liveInterval">Shortest time between live snapshots (null: <see cref="DefaultLiveInterval"/>).</param>
    public StoreWriter(ResultStore store, int threads, TimeSpan? liveInterval = null)
    {
        _store = store;
        _threads = threads;
        LiveInterval = liveInterval ?? DefaultLiveInterval;
        _thread = new Thread(WriteLoop) { Name = "store writer", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Shortest time between two live snapshots.</summary>
    public TimeSpan LiveInterval { get; }

    /// <summary>Why live snapshots stopped, if they did (writes go on regardless).</summary>
    public Exception? SnapshotError => _snapshotError;

    /// <summary>Runs written (committed) so far.</summary>
    public int Written => Volatile.Read(ref _written);

    /// <summary>Time the writer thread spent appending and committing.</summary>
    public TimeSpan BusyTime => _busy.Elapsed;

    /// <summary>The error that stopped the writer, if any (later <see cref="Add"/> calls throw it).</summary>
    public Exception? Error => _error;

    /// <summary>Queues <paramref name="result"/> for the next commit.</summary>
    /// <exception cref="StoreException">An earlier write failed (disk full, store removed…).</exception>
    public void Add(RunResult result)
    {
        if (_error is { } error) throw new StoreException($"writing to results store '{_store.Path}' failed: {error.Message}", error);
        _queue.Add(result);
    }

    /// <summary>Commits everything queued and stops the writer thread.</summary>
    /// <exception cref="StoreException">A write failed.</exception>
    public void Complete()
    {
        if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
        _thread.Join();
        RemoveSnapshot();
        if (_error is { } error) throw new StoreException($"writing to results store '{_store.Path}' failed: {error.Message}", error);
    }

    /// <summary>Stops the writer thread after the queued results are written, without throwing their errors (see <see cref="Complete"/>).</summary>
    public void Dispose()
    {
        if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
        _thread.Join();
        RemoveSnapshot();
        _queue.Dispose();
    }

    private void RemoveSnapshot()
    {
        try
        {
            File.Delete(ResultStore.LivePath(_store.Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a stale snapshot is harmless: readers use the store itself once it is free
        }
    }

    /// <summary>Publishes a live snapshot; returns how long until the next one may be taken.</summary>
    private TimeSpan Publish()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            _store.PublishSnapshot();
        }
        catch (Exception e)
        {
            _snapshotError = e;
        }
        var twentyTimes = clock.Elapsed * 20;
        return twentyTimes > LiveInterval ? twentyTimes : LiveInterval;
    }

    private void WriteLoop()
    {
        var sinceCommit = Stopwatch.StartNew();
        var sinceSnapshot = Stopwatch.StartNew();
        var snapshotGap = TimeSpan.Zero; // the first commit is published at once
        bool unpublished = false;
        var batch = new List<RunResult>();
        try
        {
            while (true)
            {
                // idle with commits not yet in the snapshot: wake up when the next snapshot is due
                var untilSnapshot = snapshotGap - sinceSnapshot.Elapsed;
                int wait = unpublished && _snapshotError is null ? (int)Math.Max(0, Math.Ceiling(untilSnapshot.TotalMilliseconds)) : Timeout.Infinite;
                if (!_queue.TryTake(out var first, wait))
                {
                    if (_queue.IsCompleted) break;
                    snapshotGap = Publish();
                    sinceSnapshot.Restart();
                    unpublished = false;
                    continue;
                }
                batch.Add(first);
                int rows = first.Metrics.Count;
                while (rows < MaxBatchRows)
                {
                    var remaining = CommitInterval - sinceCommit.Elapsed;
                    if (!_queue.TryTake(out var next, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero)) break;
                    batch.Add(next);
                    rows += next.Metrics.Count;
                }
                _busy.Start();
                int written = _store.Write(batch, _threads);
                _busy.Stop();
                Interlocked.Add(ref _written, written);
                batch.Clear();
                sinceCommit.Restart();
                unpublished = true;
                if (_snapshotError is null && sinceSnapshot.Elapsed >= snapshotGap)
                {
                    snapshotGap = Publish();
                    sinceSnapshot.Restart();
                    unpublished = false;
                }
            }
        }
        catch (Exception e)
        {
            _busy.Stop();
            _error = e;
            // Keep draining so producers never block on a dead writer; their results are rerun on resume.
            foreach (var _ in _queue.GetConsumingEnumerable()) { }
        }
    }
}
