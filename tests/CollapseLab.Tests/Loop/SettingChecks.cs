using System.Globalization;
using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Loop;

/// <summary>
/// The checks every task setting and workflow must pass, like scikit-learn's estimator checks: run against every
/// catalogue entry (<see cref="SettingCheckTests"/>; the language model's assembly links this file and runs them on its
/// setting), so a new setting or workflow gets them by being listed. The task checks run the ordinary generation loop
/// through <see cref="Observed{TData}"/>, a wrapper setting that watches what the loop asks of the setting's run and
/// models.
/// </summary>
public static class SettingChecks
{
    /// <summary>Small n and T: the checks are about contracts, not statistics.</summary>
    public const int Samples = 12, Iterations = 3;

    private const ulong Seed = 7;

    /// <summary>Every workflow of the catalogue, built with the few parameters that have no default.</summary>
    public static IEnumerable<IWorkflow> Workflows() => WorkflowCatalog.BuiltIn.All.Select(w => WorkflowCatalog.BuiltIn.Create(w.Name, w.Name switch
    {
        "fresh" => new Dictionary<string, string> { ["fresh-real"] = "3" },
        "keep-real-subsample" => new Dictionary<string, string> { ["train-size"] = "15" },
        _ => null,
    }));

    /// <summary>
    /// Builds <paramref name="info"/> from its defaults (a parameter without one is optional, like kde's <c>--data</c>),
    /// plus <paramref name="fixture"/> for data a test must supply, validates it twice (validation is idempotent) and
    /// rebuilds it from its canonical parameters, as a store does.
    /// </summary>
    public static ITaskSetting DefaultConstructible(TaskInfo info, IReadOnlyDictionary<string, string>? fixture = null)
    {
        var setting = info.Create(ParameterValues.Parse(info.Parameters, fixture ?? new Dictionary<string, string>(), $"task {info.Name}"));
        Assert.Equal(info.Name, setting.Name);
        setting.Validate();
        setting.Validate();
        var rebuilt = info.Create(ParameterValues.Parse(info.Parameters, setting.Parameters.Canonical.ToDictionary(), $"task {info.Name}"));
        Assert.Equal(setting.Parameters.Canonical, rebuilt.Parameters.Canonical);
        return setting;
    }

    /// <summary>
    /// Fitting a run's model twice to the same data with the same stream gives the model of one fit: a setting that
    /// caches statistics per run must not let the first fit change the second. Compared bit for bit over a whole run.
    /// </summary>
    public static void FitTwiceEqualsFitOnce(ITaskSetting setting)
    {
        var once = Observe(setting, fitTwice: false).Run(new Accumulate(), Seed);
        var twice = Observe(setting, fitTwice: true).Run(new Accumulate(), Seed);
        Assert.True(twice.Result.Succeeded, twice.Result.Error);
        Assert.Equal(Bits(once.Result), Bits(twice.Result));
    }

    /// <summary>A run is a pure function of its parameters and seed: the same seed gives the same bits; another seed, other values.</summary>
    public static void SameSeedSameBits(ITaskSetting setting)
    {
        var spec = RunSpec.Create(setting, new AccumulateSubsample(), Samples, Iterations, Seed);
        var first = setting.Run(spec);
        Assert.True(first.Succeeded, first.Error);
        Assert.NotEmpty(first.Metrics);
        Assert.Equal(Bits(first), Bits(setting.Run(spec)));
        Assert.NotEqual(Bits(first), Bits(setting.Run(spec with { Seed = Seed + 1 })));
    }

    /// <summary>Generation 0 holds n real samples and every model's Sample(k) returns k samples, for growing generation sizes too.</summary>
    public static void SamplesAsManyRowsAsAsked(ITaskSetting setting)
    {
        var growing = WorkflowCatalog.BuiltIn.Create("accumulate", new Dictionary<string, string> { ["growth"] = "linear:5" });
        var observed = Observe(setting, fitTwice: false).Run(growing, Seed);
        Assert.True(observed.Result.Succeeded, observed.Result.Error);
        Assert.Equal(Samples, observed.RealCount);
        Assert.Equal(Iterations - 1, observed.Sampled.Count);
        Assert.All(observed.Sampled, s => Assert.Equal(s.Asked, s.Got));
    }

    /// <summary>
    /// Under every workflow the first model trains on the n real samples and nothing else, so iteration 1 is the same
    /// fit, bit for bit, whatever the workflow.
    /// </summary>
    public static void IterationOneOnRealDataOnly(ITaskSetting setting)
    {
        List<string>? first = null;
        foreach (var workflow in Workflows().Where(w => Accepts(setting, w)))
        {
            var observed = Observe(setting, fitTwice: false).Run(workflow, Seed);
            Assert.True(observed.Result.Succeeded, $"{workflow.Name}: {observed.Result.Error}");
            var (parts, count) = observed.Fits[0];
            Assert.True(parts.All(p => p.Entry == 0), $"{workflow.Name}: the first fit trains on pool entries {string.Join(",", parts.Select(p => p.Entry))}");
            Assert.Equal(Samples, count);
            var bits = Bits(observed.Result).Where(b => b.StartsWith("1 ", StringComparison.Ordinal)).ToList();
            first ??= bits;
            Assert.True(first.SequenceEqual(bits), $"{workflow.Name}: iteration 1 differs from the first workflow's");
        }
    }

    /// <summary>Every ability the setting declares is implemented by its run or its models (the interfaces workflows cast to).</summary>
    public static void DeclaredAbilitiesAreImplemented(ITaskSetting setting)
    {
        var observed = Observe(setting, fitTwice: false).Run(new Replace(), Seed);
        Assert.True(observed.Result.Succeeded, observed.Result.Error);
        var missing = setting.Abilities & ~observed.Implemented;
        Assert.True(missing == TaskAbilities.None, $"task {setting.Name} declares {missing} but does not implement it");
    }

    /// <summary>A workflow built from its defaults (plus <see cref="Workflows"/>' fixture) keeps its name and parameters through the catalogue.</summary>
    public static void WorkflowDefaultConstructible(IWorkflow workflow)
    {
        var info = WorkflowCatalog.BuiltIn.Find(workflow.Name);
        Assert.Equal(workflow.Name, info.Name);
        var rebuilt = WorkflowCatalog.BuiltIn.Create(workflow.Name, workflow.Parameters.Canonical.ToDictionary());
        Assert.Equal(workflow.Parameters.Canonical, rebuilt.Parameters.Canonical);
    }

    /// <summary>At iteration 1 the pool holds only the real data, and the workflow selects from it alone, the same with any stream.</summary>
    public static void WorkflowSelectsRealDataFirst(IWorkflow workflow)
    {
        IReadOnlyList<PoolEntry> pool = [new PoolEntry(Origin.Real, 0, Samples)];
        var one = workflow.Select(pool, 1, Samples, Rng.For(Seed, RngStream.Select, 1));
        Assert.NotEmpty(one.Parts);
        Assert.All(one.Parts, p => Assert.Equal(0, p.Entry));
        var again = workflow.Select(pool, 1, Samples, Rng.For(Seed, RngStream.Select, 1));
        Assert.Equal(one.Parts.Select(p => (p.Entry, string.Join(",", p.Rows ?? []))), again.Parts.Select(p => (p.Entry, string.Join(",", p.Rows ?? []))));
    }

    private static bool Accepts(ITaskSetting setting, IWorkflow workflow)
    {
        try
        {
            RunSpec.Create(setting, workflow, Samples, Iterations, Seed);
            return true;
        }
        catch (InvalidParameterException)
        {
            return false; // e.g. fresh real data for a setting that cannot draw them: refused before running, by design
        }
    }

    /// <summary>Every metric value as "iteration metric bits", so that equality is bitwise (NaN included).</summary>
    private static List<string> Bits(RunResult result) =>
        result.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Iteration} {m.Metric} {BitConverter.DoubleToInt64Bits(m.Value):x16}")).ToList();

    private static IObserved Observe(ITaskSetting setting, bool fitTwice) => setting.Accept(new ObservedOf(fitTwice));

    private sealed class ObservedOf(bool fitTwice) : ITaskSettingVisitor<IObserved>
    {
        public IObserved Visit<TData>(TaskSetting<TData> setting) where TData : IDataset<TData> => new Observed<TData>(setting, fitTwice);
    }

    /// <summary>What <see cref="Observed{TData}"/> saw during one run.</summary>
    public sealed record Observation(RunResult Result, int RealCount, List<(IReadOnlyList<SelectionPart> Parts, int Count)> Fits,
        List<(int Asked, int Got)> Sampled, TaskAbilities Implemented);

    private interface IObserved
    {
        Observation Run(IWorkflow workflow, ulong seed);
    }

    /// <summary>
    /// The setting seen through the ordinary loop: same name, parameters and abilities; each fit (optionally fitted twice,
    /// the first time from an identical fresh stream) and each sample recorded.
    /// </summary>
    private sealed class Observed<TData>(TaskSetting<TData> inner, bool fitTwice) : TaskSetting<TData>, IObserved where TData : IDataset<TData>
    {
        private ObservedRun? _run;

        public override string Name => inner.Name;
        public override ParameterValues Parameters => inner.Parameters;
        public override int MinimumSamples => inner.MinimumSamples;
        public override int NumbersPerSample => inner.NumbersPerSample;

        public override ITaskRun<TData> Start(int samples, ulong seed) => _run = new ObservedRun(inner.Start(samples, seed), seed, fitTwice);

        public Observation Run(IWorkflow workflow, ulong seed)
        {
            // The wrapper's run implements no optional interface, so the workflow's modifiers are checked against the inner setting.
            var result = GenerationLoop.Run(this, new RunSpec(this, workflow, Samples, Iterations, seed));
            var run = _run!;
            return new Observation(result, run.Inner.Real.Count, run.Fits, run.Sampled, run.Implemented);
        }

        private sealed class ObservedRun(ITaskRun<TData> inner, ulong seed, bool fitTwice) : ITaskRun<TData>, IFreshRealData<TData>
        {
            public ITaskRun<TData> Inner => inner;
            public List<(IReadOnlyList<SelectionPart> Parts, int Count)> Fits { get; } = [];
            public List<(int Asked, int Got)> Sampled { get; } = [];
            public TaskAbilities Implemented { get; private set; } = TaskAbilityException.OfRun(inner);

            public TData Real => inner.Real;

            public TData DrawReal(int n, Rng rng) => ((IFreshRealData<TData>)inner).DrawReal(n, rng);

            public IModel<TData> Fit(TrainingSet<TData> train, Rng rng)
            {
                Fits.Add((train.Selection.Parts, train.Count));
                if (fitTwice) (inner.Fit(train, Rng.For(seed, RngStream.Fit, Fits.Count)) as IDisposable)?.Dispose();
                var model = inner.Fit(train, rng);
                Implemented |= TaskAbilityException.OfModel(model);
                return new ObservedModel(model, Sampled);
            }
        }

        private sealed class ObservedModel(IModel<TData> inner, List<(int Asked, int Got)> sampled) : IModel<TData>
        {
            public TData Sample(int n, Rng rng)
            {
                var data = inner.Sample(n, rng);
                sampled.Add((n, data.Count));
                return data;
            }

            public void Score(MetricSink metrics) => inner.Score(metrics);

            public bool EndsRun => inner.EndsRun;
        }
    }
}
