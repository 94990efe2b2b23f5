using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Tasks;

namespace CollapseLab.Tests.Support;

/// <summary>
/// A test-only task setting whose run for seed <c>fail-seed</c> throws at iteration 2 (a "task bug"); every
/// other run records metric <c>test_nll</c> = iteration + seed at every iteration.
/// </summary>
public sealed class ThrowingSetting : TaskSetting<Rows>
{
    public const string TaskName = "test-throwing";

    public static TaskInfo Info { get; } = new(TaskName, "test task that throws for one seed",
        [ParameterSpec.Int("fail-seed", "the seed whose run throws", 3, min: 0)], p => new ThrowingSetting(p));

    /// <summary>The built-in settings plus this one, for tests that sweep, store and read it.</summary>
    public static TaskCatalog Catalog { get; } = TaskCatalog.BuiltIn.With(Info);

    private readonly ulong _failSeed;

    private ThrowingSetting(ParameterValues parameters)
    {
        Parameters = parameters;
        _failSeed = (ulong)parameters.Int("fail-seed");
    }

    public override string Name => TaskName;
    public override ParameterValues Parameters { get; }

    public override ITaskRun<Rows> Start(int samples, ulong seed) => new ThrowingRun(new Rows(new double[samples], 1), seed, seed == _failSeed);

    private sealed class ThrowingRun(Rows real, ulong seed, bool fails) : ITaskRun<Rows>
    {
        public Rows Real => real;

        public IModel<Rows> Fit(TrainingSet<Rows> train, Rng rng) =>
            fails && train.Pool.Entries.Count > 1 ? throw new InvalidOperationException("deliberate task bug") : new Model(seed);
    }

    private sealed class Model(ulong seed) : IModel<Rows>
    {
        public Rows Sample(int n, Rng rng) => new(new double[n], 1);

        public void Score(MetricSink metrics) => metrics.Add(MetricNames.TestNll, metrics.Iteration + (double)seed);
    }
}
