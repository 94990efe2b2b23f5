using System.Diagnostics;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Store;

namespace CollapseLab.Sweeps;

/// <summary>Runs a sweep's runs into a results store: skips the completed ones, runs the rest in parallel, commits each as it finishes.</summary>
public static class SweepRunner
{
    /// <summary>The runs of <paramref name="runs"/> that <paramref name="store"/> does not hold as completed (failed ones are retried).</summary>
    public static IReadOnlyList<RunSpec> Pending(IReadOnlyList<RunSpec> runs, ResultStore store)
    {
        var completed = store.CompletedRunIds();
        return runs.Where(r => !completed.Contains(r.Id)).ToArray();
    }

    /// <summary>
    /// Prepares, once each, the settings of <paramref name="runs"/> that are <see cref="IPreparable"/> (call it with the
    /// pending runs before <see cref="Run"/>, so that pretraining a shared model shows its progress instead of stalling
    /// the first run). A preparation that fails is reported to <paramref name="log"/>; its setting's runs then fail
    /// with the reason while the other runs go on.
    /// </summary>
    public static void Prepare(IEnumerable<RunSpec> runs, Action<string> log)
    {
        foreach (var setting in runs.Select(r => r.Task).OfType<IPreparable>().Distinct<IPreparable>(ReferenceEqualityComparer.Instance))
        {
            try
            {
                setting.Prepare(log);
            }
            catch (Exception e)
            {
                log($"preparing {((ITaskSetting)setting).Name} failed, so its runs will fail: {e.Message}");
            }
        }
    }

    /// <summary>
    /// Runs every run of <paramref name="runs"/> not yet completed in <paramref name="store"/> on up to
    /// <paramref name="threads"/> threads (0: all cores), committing each result (completed or failed) as it
    /// finishes. A failing run does not stop the others.
    /// </summary>
    /// <param name="runs">The sweep's runs (or one shard's), as <see cref="SweepSpec.Expand"/> lists them.</param>
    /// <param name="store">The store that records every result, opened for writing; its completed runs are skipped.</param>
    /// <param name="threads">Runs in parallel at most; 0 for all cores.</param>
    /// <param name="finished">Called once per finished run, from one thread at a time.</param>
    /// <param name="cancellation">Stops starting runs and cuts short those running.</param>
    /// <exception cref="OperationCanceledException">Cancelled: runs finished until then are committed; runs cut
    /// short are not stored (a rerun resumes).</exception>
    /// <exception cref="StoreException">Writing failed; the sweep stopped.</exception>
    public static SweepOutcome Run(IReadOnlyList<RunSpec> runs, ResultStore store, int threads = 0,
        Action<RunResult>? finished = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var pending = Pending(runs, store);
        int workers = Math.Min(threads > 0 ? threads : Environment.ProcessorCount, Math.Max(1, pending.Count));
        var failures = new List<RunResult>();
        int completed = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var writer = new StoreWriter(store, workers);
        try
        {
            Runner.Run(pending, workers, result =>
            {
                if (stop.IsCancellationRequested && result.Error == "cancelled") return; // cut short: not a result, rerun on resume
                try
                {
                    writer.Add(result);
                }
                catch (StoreException)
                {
                    stop.Cancel();
                    return;
                }
                if (result.Succeeded) completed++;
                else failures.Add(result);
                finished?.Invoke(result);
            }, stop.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // stopped because the writer failed: Complete() below throws its error
        }
        writer.Complete();
        cancellation.ThrowIfCancellationRequested();
        return new SweepOutcome(runs.Count, runs.Count - pending.Count, completed, failures, writer.BusyTime, clock.Elapsed);
    }
}
