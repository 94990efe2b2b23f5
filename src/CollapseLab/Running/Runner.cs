using CollapseLab.Loop;

namespace CollapseLab.Running;

/// <summary>Executes runs in parallel. Each run is single-threaded and independent, so results do not depend on the thread count or order.</summary>
public static class Runner
{
    /// <summary>
    /// Runs every spec on up to <paramref name="threads"/> threads (0: all cores) and returns the results in spec
    /// order. <paramref name="completed"/> is called once per finished run, from one thread at a time.
    /// </summary>
    public static RunResult[] Run(IReadOnlyList<RunSpec> specs, int threads = 0, Action<RunResult>? completed = null,
        CancellationToken cancellation = default)
    {
        var results = new RunResult[specs.Count];
        int next = -1;
        var gate = new object();
        int workers = Math.Min(threads > 0 ? threads : Environment.ProcessorCount, Math.Max(1, specs.Count));
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < specs.Count && !cancellation.IsCancellationRequested)
            {
                var result = specs[i].Task.Run(specs[i], cancellation);
                results[i] = result;
                if (completed is not null)
                    lock (gate) completed(result);
            }
        }, cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Task.WaitAll(tasks, CancellationToken.None);
        cancellation.ThrowIfCancellationRequested();
        return results;
    }
}
