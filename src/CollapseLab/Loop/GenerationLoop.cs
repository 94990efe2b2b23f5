using System.Diagnostics;
using CollapseLab.Data;
using CollapseLab.Random;
using CollapseLab.Workflows;

namespace CollapseLab.Loop;

/// <summary>The generation loop of the science contract (docs/semantics.md §2), written once for every task and workflow.</summary>
public static class GenerationLoop
{
    /// <summary>
    /// Runs <paramref name="spec"/>: starts the task's run (real and test data), then for t = 1..T asks the
    /// workflow for a training set, fits, records metrics on real test data, and grows the pool as the workflow
    /// says (a synthetic generation of n_t samples, optionally curated, plus any fresh real data). A model that measures
    /// its generation (<see cref="IGenerationScore{TData}"/>) does so once it is sampled, at the last iteration too. A task bug or
    /// cancellation ends the run with its error recorded, and so does a declared ability the task's run or first model
    /// does not implement (<see cref="TaskAbilityException"/>).
    /// </summary>
    public static RunResult Run<TData>(TaskSetting<TData> task, RunSpec spec, CancellationToken cancellation = default)
        where TData : IDataset<TData>
    {
        var clock = Stopwatch.StartNew();
        var metrics = new MetricSink();
        try
        {
            var run = task.Start(spec.Samples, spec.Seed);
            TaskAbilityException.CheckRun(task, run);
            var pool = new Pool<TData>();
            pool.Add(run.Real, Origin.Real, 0);
            var growth = spec.Workflow.Growth;
            for (int t = 1; t <= spec.Iterations; t++)
            {
                cancellation.ThrowIfCancellationRequested();
                int newest = growth.Schedule.Size(spec.Samples, t - 1);
                var selection = spec.Workflow.Select(pool.Entries, t, newest, Rng.For(spec.Seed, RngStream.Select, t));
                var model = run.Fit(new TrainingSet<TData>(pool, selection), Rng.For(spec.Seed, RngStream.Fit, t));
                if (t == 1) TaskAbilityException.CheckModel(task, model);
                metrics.Iteration = t;
                model.Score(metrics);
                bool last = model.EndsRun || t == spec.Iterations;
                var generationScore = model as IGenerationScore<TData>;
                if (last && generationScore is null) break; // the last generation would train nothing, and nothing measures it

                int size = growth.Schedule.Size(spec.Samples, t);
                var sampleRng = Rng.For(spec.Seed, RngStream.Sample, t);
                var synthetic = growth.Curation is { } curation
                    ? curation.Apply(run, model, size, sampleRng, metrics)
                    : model.Sample(size, sampleRng);
                generationScore?.ScoreGeneration(synthetic, metrics);
                if (last) break;
                pool.Add(synthetic, Origin.Synthetic, t);
                if (growth.FreshReal > 0)
                    pool.Add(((IFreshRealData<TData>)run).DrawReal(growth.FreshReal, Rng.For(spec.Seed, RngStream.Grow, t)), Origin.Real, t);
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
