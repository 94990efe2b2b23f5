using System.Diagnostics;
using CollapseLab.Data;
using CollapseLab.Random;

namespace CollapseLab.Loop;

/// <summary>The generation loop of the science contract (docs/semantics.md §2), written once for every task and workflow.</summary>
public static class GenerationLoop
{
    /// <summary>
    /// Runs <paramref name="spec"/>: starts the task's run (real and test data), then for t = 1..T asks the
    /// workflow for a training set, fits, records metrics on real test data, and appends a synthetic
    /// generation of n samples to the pool. A task bug or cancellation ends the run with its error recorded.
    /// </summary>
    public static RunResult Run<TData>(TaskSetting<TData> task, RunSpec spec, CancellationToken cancellation = default)
        where TData : IDataset<TData>
    {
        var clock = Stopwatch.StartNew();
        var metrics = new MetricSink();
        try
        {
            var run = task.Start(spec.Samples, spec.Seed);
            var pool = new Pool<TData>();
            pool.Add(run.Real, Origin.Real, 0);
            for (int t = 1; t <= spec.Iterations; t++)
            {
                cancellation.ThrowIfCancellationRequested();
                var selection = spec.Workflow.Select(pool.Entries, t, spec.Samples, Rng.For(spec.Seed, RngStream.Select, t));
                var model = run.Fit(new TrainingSet<TData>(pool, selection), Rng.For(spec.Seed, RngStream.Fit, t));
                metrics.Iteration = t;
                model.Score(metrics);
                if (model.EndsRun) break;
                if (t < spec.Iterations) // the last generation would train nothing
                    pool.Add(model.Sample(spec.Samples, Rng.For(spec.Seed, RngStream.Sample, t)), Origin.Synthetic, t);
            }
            return new RunResult(spec, metrics.Rows, null, clock.Elapsed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string error = e is OperationCanceledException ? "cancelled" : $"{e.GetType().Name}: {e.Message}";
            return new RunResult(spec, metrics.Rows, error, clock.Elapsed);
        }
    }
}
