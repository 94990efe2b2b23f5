using System.Collections.Concurrent;
using System.Diagnostics;
using CollapseLab.Loop;

namespace CollapseLab.Store;

/// <summary>
/// Writes finished runs to a <see cref="ResultStore"/> from a background thread, so that runs never wait for the
/// disk. Group commit: every transaction holds whatever runs finished since the previous one, and transactions
/// are at least <see cref="CommitInterval"/> apart, so tiny runs do not pay one commit each. Each run still lands
/// whole (one transaction); a crash loses at most the runs of the last interval, which a resumed sweep reruns.
/// </summary>
public sealed class StoreWriter : IDisposable
{
    /// <summary>Shortest time between two commits.</summary>
    public static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    /// <summary>A batch is committed early once it holds this many metric rows, to bound memory.</summary>
    private const int MaxBatchRows = 250_000;

    private readonly ResultStore _store;
    private readonly int _threads;
    private readonly BlockingCollection<RunResult> _queue = new();
    private readonly Thread _thread;
    private readonly Stopwatch _busy = new();
    private volatile Exception? _error;
    private int _written;

    /// <param name="threads">Parallel runs of this process, recorded with each run.</param>
    public StoreWriter(ResultStore store, int threads)
    {
        _store = store;
        _threads = threads;
        _thread = new Thread(WriteLoop) { Name = "store writer", IsBackground = true };
        _thread.Start();
    }

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
        if (_error is { } error) throw new StoreException($"writing to results store '{_store.Path}' failed: {error.Message}", error);
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void WriteLoop()
    {
        var sinceCommit = Stopwatch.StartNew();
        var batch = new List<RunResult>();
        try
        {
            while (_queue.TryTake(out var first, Timeout.Infinite))
            {
                batch.Add(first);
                int rows = first.Metrics.Count;
                while (rows < MaxBatchRows)
                {
                    var wait = CommitInterval - sinceCommit.Elapsed;
                    if (!_queue.TryTake(out var next, wait > TimeSpan.Zero ? wait : TimeSpan.Zero)) break;
                    batch.Add(next);
                    rows += next.Metrics.Count;
                }
                _busy.Start();
                int written = _store.Write(batch, _threads);
                _busy.Stop();
                Interlocked.Add(ref _written, written);
                batch.Clear();
                sinceCommit.Restart();
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
