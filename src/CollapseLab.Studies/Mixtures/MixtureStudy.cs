using System.Diagnostics;
using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Running;

namespace CollapseLab.Mixtures;

/// <summary>
/// The real-vs-synthetic mixture study. Per seed: the run's real pool (the largest num_real, from
/// <see cref="RngStream.Real"/>) and test data; a separate real sample of <see cref="MixtureGrid.GeneratorSamples"/>
/// (fresh real data, so it does not overlap the real pool) to which the generator is fit; one synthetic pool (the
/// largest num_synthetic) drawn from the generator. Each cell (num_real, num_synthetic) trains a model on a uniformly
/// random subset of num_real real samples plus the first num_synthetic synthetic samples and records the task's
/// metrics on the real test data, as a one-iteration run whose workflow is <see cref="MixtureCell"/>.
/// Under <see cref="MixtureProtocol.Reference"/> the real pool and test data are drawn with <see cref="ReferenceDataSeed"/>
/// whatever the seed, a cell takes the first num_real rows, and the generator is fit to the whole real pool.
/// </summary>
public static class MixtureStudy
{
    /// <summary>Stream index of the generator's sample, fit and synthetic pool (cells use non-negative keys).</summary>
    private const long GeneratorIndex = -1;

    /// <summary>
    /// The seed the reference protocol draws its real split and test data with, for every run seed: the reference
    /// study's real data are one fixed data set (HelpSteer2), and its seeds vary only training and synthetic data.
    /// </summary>
    public const ulong ReferenceDataSeed = 0;

    /// <summary>
    /// Checks that <paramref name="setting"/> can run a mixture study under <paramref name="protocol"/> (and its inputs,
    /// <see cref="ITaskSetting.Validate()"/>).
    /// </summary>
    /// <exception cref="InvalidParameterException">CollapseLab's protocol, and the task cannot draw fresh real data for the generator; or its inputs are bad.</exception>
    public static void Validate(ITaskSetting setting, MixtureProtocol protocol = MixtureProtocol.CollapseLab)
    {
        setting.Validate();
        if (protocol == MixtureProtocol.CollapseLab && !setting.Abilities.HasFlag(TaskAbilities.FreshRealData))
            throw new InvalidParameterException("task", $"task {setting.Name} cannot draw fresh real data, which the generator's separate real sample needs; a mixture study accepts tasks with fresh real data");
    }

    /// <summary>
    /// True for a cell run that trains on fewer samples than <paramref name="setting"/> can fit: it fails the same way
    /// every time. The empty cell (0, 0) of a task that scores its unfitted model is not too small.
    /// </summary>
    public static bool TooSmall(ITaskSetting setting, RunSpec spec) =>
        spec.Samples < setting.MinimumSamples && !(spec.Samples == 0 && setting.Abilities.HasFlag(TaskAbilities.UnfittedModel));

    /// <summary>The grid of <paramref name="setting"/>'s study: it includes (0, 0) when the task can score a model fit to nothing.</summary>
    /// <exception cref="InvalidParameterException">See <see cref="MixtureGrid"/>.</exception>
    public static MixtureGrid Grid(ITaskSetting setting, IEnumerable<int> real, IEnumerable<int> synthetic, int? generatorSamples = null,
        MixtureProtocol protocol = MixtureProtocol.CollapseLab) =>
        new(real, synthetic, generatorSamples, setting.Abilities.HasFlag(TaskAbilities.UnfittedModel), protocol);

    /// <summary>
    /// Checks that one seed's samples fit in memory and in one array: the real pool, the synthetic pool, the
    /// generator's real sample and the largest cell's training set (a copy of num_real + num_synthetic samples).
    /// </summary>
    /// <exception cref="InvalidParameterException">They do not fit; the message gives the count and the limit.</exception>
    public static void CheckMemory(ITaskSetting setting, MixtureGrid grid, long availableBytes)
    {
        double pools = (double)grid.RealPool + grid.SyntheticPool;
        RunMemory.Check(pools, 2 * pools + grid.GeneratorSamples, setting.NumbersPerSample, availableBytes,
            grid.SyntheticPool >= grid.RealPool ? "synthetic" : "real",
            $"mixture study too large for task {setting.Name} (largest {InvalidParameterException.Name("real")} {grid.RealPool}, {InvalidParameterException.Name("synthetic")} {grid.SyntheticPool}): its largest cell would train on",
            $"mixture study too large for task {setting.Name} (largest {InvalidParameterException.Name("real")} {grid.RealPool}, {InvalidParameterException.Name("synthetic")} {grid.SyntheticPool}, {InvalidParameterException.Name("generator-samples")} {grid.GeneratorSamples}): "
            + "each seed's pools, generator sample and largest training set would hold");
    }

    /// <summary>The stream key of a cell: distinct for every (num_real, num_synthetic).</summary>
    public static long CellKey(MixtureCell cell) => ((long)cell.NumReal << 32) | (uint)cell.NumSynthetic;

    /// <summary>The run specs of seed <paramref name="seed"/>'s cells (num_real-major).</summary>
    /// <exception cref="Parameters.InvalidParameterException">A file the task parameters name cannot be read.</exception>
    public static RunSpec[] Specs(ITaskSetting setting, MixtureGrid grid, ulong seed)
    {
        var inputs = RunSpec.InputsOf(setting);
        return grid.Cells.Select(c => new RunSpec(setting, c, c.NumReal + c.NumSynthetic, 1, seed) { Inputs = inputs }).ToArray();
    }

    /// <summary>
    /// Runs the cells of seed <paramref name="seed"/> not in <paramref name="completed"/> (run ids) and returns their
    /// results, failed cells included (with the reason). Deterministic in (setting, grid, seed).
    /// </summary>
    public static IReadOnlyList<RunResult> RunSeed(ITaskSetting setting, MixtureGrid grid, ulong seed, IReadOnlySet<string>? completed = null)
    {
        var cells = Specs(setting, grid, seed).Where(s => completed is null || !completed.Contains(s.Id)).ToArray();
        if (cells.Length == 0) return [];
        return setting.Accept(new CellRunner(grid, seed, cells));
    }

    /// <summary>
    /// Runs every seed on up to <paramref name="threads"/> threads (0: all cores), skipping completed cells;
    /// <paramref name="finished"/> receives each seed's results, from one thread at a time.
    /// </summary>
    public static void Run(ITaskSetting setting, MixtureGrid grid, IReadOnlyList<ulong> seeds, int threads,
        Action<IReadOnlyList<RunResult>> finished, IReadOnlySet<string>? completed = null, CancellationToken cancellation = default)
    {
        Validate(setting, grid.Protocol);
        Runner.Map(seeds, seed => RunSeed(setting, grid, seed, completed), threads, finished, cancellation);
    }

    /// <summary>Runs one seed's cells of a setting seen with its data type.</summary>
    private sealed class CellRunner(MixtureGrid grid, ulong seed, RunSpec[] cells) : ITaskSettingVisitor<RunResult[]>
    {
        public RunResult[] Visit<TData>(TaskSetting<TData> setting) where TData : IDataset<TData> => RunCells(setting, grid, seed, cells);
    }

    private static RunResult[] RunCells<TData>(TaskSetting<TData> setting, MixtureGrid grid, ulong seed, RunSpec[] cells) where TData : IDataset<TData>
    {
        var clock = Stopwatch.StartNew();
        Pool<TData> pool;
        ITaskRun<TData> run;
        try
        {
            run = setting.Start(grid.RealPool, grid.Protocol == MixtureProtocol.Reference ? ReferenceDataSeed : seed);
            pool = new Pool<TData>();
            pool.Add(run.Real, Origin.Real, 0);
            if (grid.SyntheticPool > 0) pool.Add(Synthetic(setting, run, pool, grid, seed), Origin.Synthetic, 1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var elapsed = clock.Elapsed;
            return cells.Select(c => new RunResult(c, [], $"generator or pools failed: {e.Message}", elapsed)).ToArray();
        }
        var shared = clock.Elapsed / cells.Length;

        var results = new RunResult[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            clock.Restart();
            var spec = cells[i];
            var cell = (MixtureCell)spec.Workflow;
            results[i] = RunCell(setting, run, pool, spec, cell, seed);
            results[i] = results[i] with { Elapsed = clock.Elapsed + shared };
        }
        return results;
    }

    /// <summary>The synthetic pool: samples of a generator fit to a separate real sample, or (reference protocol) to the whole real pool.</summary>
    private static TData Synthetic<TData>(TaskSetting<TData> setting, ITaskRun<TData> run, Pool<TData> realPool, MixtureGrid grid, ulong seed)
        where TData : IDataset<TData>
    {
        var generatorPool = realPool;
        if (grid.Protocol == MixtureProtocol.CollapseLab)
        {
            if (run is not IFreshRealData<TData> fresh)
                throw new InvalidParameterException("task", $"task {setting.Name} cannot draw fresh real data for the generator");
            generatorPool = new Pool<TData>();
            generatorPool.Add(fresh.DrawReal(grid.GeneratorSamples, Rng.For(seed, RngStream.Grow, GeneratorIndex)), Origin.Real, 0);
        }
        var train = new TrainingSet<TData>(generatorPool, Selection.Whole([0]));
        var fitRng = Rng.For(seed, RngStream.Fit, GeneratorIndex);
        var generator = run is IGeneratorFit<TData> generatorFit ? generatorFit.FitGenerator(train, fitRng) : run.Fit(train, fitRng);
        return generator.Sample(grid.SyntheticPool, Rng.For(seed, RngStream.Sample, GeneratorIndex));
    }

    private static RunResult RunCell<TData>(TaskSetting<TData> setting, ITaskRun<TData> run, Pool<TData> pool, RunSpec spec, MixtureCell cell, ulong seed)
        where TData : IDataset<TData>
    {
        int total = cell.NumReal + cell.NumSynthetic, minimum = setting.MinimumSamples;
        var unfitted = total == 0 ? run as IUnfittedModel<TData> : null;
        if (total < minimum && unfitted is null)
            return new RunResult(spec, [], $"the cell trains on {total} sample(s); task {setting.Name} needs at least {minimum}", TimeSpan.Zero);
        try
        {
            IModel<TData> model;
            long key = CellKey(cell);
            if (unfitted is not null) model = unfitted.Unfitted(Rng.For(seed, RngStream.Fit, key));
            else
            {
                var selection = cell.Select(pool.Entries, 1, total, Rng.For(seed, RngStream.Select, key));
                model = run.Fit(new TrainingSet<TData>(pool, selection), Rng.For(seed, RngStream.Fit, key));
            }
            var metrics = new MetricSink(iteration: 1);
            model.Score(metrics);
            return new RunResult(spec, metrics.Rows.ToArray(), null, TimeSpan.Zero);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new RunResult(spec, [], $"cell ({cell.NumReal} real, {cell.NumSynthetic} synthetic) failed: {e.Message}", TimeSpan.Zero);
        }
    }
}
