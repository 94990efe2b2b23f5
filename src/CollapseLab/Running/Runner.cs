using CollapseLab.Loop;

namespace CollapseLab.Running;

/// <summary>Executes runs in parallel. Each run is single-threaded and independent, so results do not depend on the thread count or order.</summary>
public static class Runner
{
    /// <summary>
    /// Runs every spec on up to <paramref name="threads"/> threads (0: all cores) and returns the results in spec
    /// order. <paramref name="completed"/> is called once per finished run, from one thread at a time. Every setting
    /// validates its inputs for its runs first (<see cref="ITaskSetting.Validate(IReadOnlyList{RunSpec})"/>).
    /// </summary>
    /// <exception cref="Parameters.InvalidParameterException">A setting's input files are bad; no run started.</exception>
    public static RunResult[] Run(IReadOnlyList<RunSpec> specs, int threads = 0, Action<RunResult>? completed = null,
        CancellationToken cancellation = default)
    {
        Validate(specs);
        return Map(specs, spec => spec.Task.Run(spec, cancellation), threads, completed, cancellation);
    }

    /// <summary>
    /// Validates, once each, the task settings of <paramref name="runs"/> for their runs
    /// (<see cref="ITaskSetting.Validate(IReadOnlyList{RunSpec})"/>: the files, corpora and devices their parameters
    /// name); call it before anything is run or written.
    /// </summary>
    /// <exception cref="Parameters.InvalidParameterException">The first setting whose inputs are bad.</exception>
    public static void Validate(IEnumerable<RunSpec> runs)
    {
        foreach (var setting in runs.GroupBy<RunSpec, ITaskSetting>(r => r.Task, ReferenceEqualityComparer.Instance))
            setting.Key.Validate(setting.ToArray());
    }

    /// <summary>
    /// <paramref name="work"/> on every item, on up to <paramref name="threads"/> threads (0: all cores), each item on
    /// one thread, results in item order; <paramref name="completed"/> hears each result, from one thread at a time.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled: items not started are left out.</exception>
    public static TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work, int threads = 0,
        Action<TResult>? completed = null, CancellationToken cancellation = default)
    {
        var results = new TResult[items.Count];
        int next = -1;
        var gate = new object();
        int workers = Math.Min(threads > 0 ? threads : Environment.ProcessorCount, Math.Max(1, items.Count));
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count && !cancellation.IsCancellationRequested)
            {
                var result = work(items[i]);
                results[i] = result;
                if (completed is not null)
                    lock (gate) completed(result);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        // Not the token: a worker cancelled before it started would make WaitAll throw an AggregateException instead of
        // the OperationCanceledException below (a Ctrl+C right as a sweep began crashed it); the loop checks the token.
        Task.WaitAll(tasks, CancellationToken.None);
        cancellation.ThrowIfCancellationRequested();
        return results;
    }
}
