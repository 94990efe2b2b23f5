// A task setting defined here, outside the library (a Poisson rate refit by its mean), run through the same loop,
// store and report as the built-in settings, and checked against its exact expectation.
//   dotnet run examples/CustomTaskSetting.cs
#:project ../src/CollapseLab.Studies/CollapseLab.Studies.csproj
using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Reports;
using CollapseLab.Store;
using CollapseLab.Sweeps;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

// The catalogue holds the settings this program uses: the store rebuilds each run's setting from its stored
// parameters through it, and the report draws the theory the setting's entry declares.
var catalog = TaskCatalog.BuiltIn.With(PoissonSetting.Info);
const int n = 20, t = 10, seeds = 1000;
const double rate = 4;
var task = new PoissonSetting(new() { Rate = rate });
var runs = Enumerable.Range(0, seeds).Select(s => RunSpec.Create(task, new Replace(), n, t, (ulong)s))
    .Concat(Enumerable.Range(0, seeds).Select(s => RunSpec.Create(task, new Accumulate(), n, t, (ulong)s))).ToArray();

string folder = Directory.CreateTempSubdirectory("collapselab-example-").FullName;
try
{
    using var store = ResultStore.Open(Path.Combine(folder, "poisson.duckdb"));
    var outcome = SweepRunner.Run(runs, store);
    var results = store.ReadResults(catalog, "poisson");

    // Theory (the setting's TaskInfo.Theory, drawn dashed in the report): E(λ̂_t − λ)² = tλ/n under Replace.
    double[] errors = results.Where(r => r.Spec.Workflow.Name == "replace")
        .Select(r => r.Metrics.Single(m => m.Iteration == t && m.Metric == PoissonSetting.RateSqError).Value).ToArray();
    double mean = errors.Average(), expected = PoissonSetting.Info.Theory!(runs[0])[PoissonSetting.RateSqError][t - 1];
    double standardError = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / (errors.Length - 1) / errors.Length);
    Console.WriteLine($"replace: mean (λ̂ − λ)² at t = {t} over {errors.Length} seeds = {mean:F4} ± {standardError:F4}; theory tλ/n = {expected:F4}");

    var report = Report.Build(results, catalog);
    ReportWriter.Write(report, Path.Combine(folder, "report"));
    foreach (var verdict in report.Verdicts)
        Console.WriteLine($"{verdict.Group.Workflow,-11} {verdict.Metric} {verdict.First:F3} -> {verdict.Last:F3}: {verdict.VerdictText}");

    bool ok = outcome.Completed == runs.Length && outcome.Failed == 0 && results.Count == runs.Length
        && Math.Abs(mean - expected) < 4 * standardError && report.Verdicts.Count == 2;
    Console.WriteLine(ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

/// <summary>The setting's parameters, a default on every field, and how users write them (CLI options, sweep keys, store columns).</summary>
sealed record PoissonParameters
{
    /// <summary>λ, the rate of the true Poisson.</summary>
    public double Rate { get; init; } = 4.0;

    public static ParameterDeclaration<PoissonParameters> Declaration { get; } = new ParameterDeclaration<PoissonParameters>("task poisson")
        .Add("rate", "rate λ of the true Poisson", ParameterKind.Real(above: 0), p => p.Rate, (p, v) => p with { Rate = v });
}

/// <summary>
/// The truth is Poisson(λ); each model is the Poisson with the maximum-likelihood rate λ̂ = mean of its training data.
/// Samples are rows of one number (the count).
/// </summary>
sealed class PoissonSetting : TaskSetting<Rows>
{
    public const string RateSqError = "rate_sq_error";
    private const int TestSize = 500;

    public static TaskInfo Info { get; } = new("poisson", "Poisson rate refit by its sample mean",
        PoissonParameters.Declaration.Specs, p => new PoissonSetting(PoissonParameters.Declaration.Read(p)))
    {
        Theory = Expect,
    };

    /// <summary>Under Replace λ̂ is a martingale whose variance grows by λ/n a generation: E(λ̂_t − λ)² = tλ/n. Other workflows: none known here.</summary>
    private static IReadOnlyDictionary<string, double[]> Expect(RunSpec run) =>
        run.Task is PoissonSetting setting && run.Workflow is Replace && run.Workflow.Growth == PoolGrowth.Default
            ? new Dictionary<string, double[]> { [RateSqError] = Enumerable.Range(1, run.Iterations).Select(t => t * setting.Rate / run.Samples).ToArray() }
            : new Dictionary<string, double[]>();

    public PoissonSetting(PoissonParameters? parameters = null)
    {
        Options = parameters ?? new();
        Parameters = PoissonParameters.Declaration.Write(Options); // checks the values; what run keys and the store hold
    }

    public override string Name => "poisson";
    public override ParameterValues Parameters { get; }
    public PoissonParameters Options { get; }
    public override TaskAbilities Abilities => TaskAbilities.FreshRealData;
    public double Rate => Options.Rate;

    public override ITaskRun<Rows> Start(int samples, ulong seed) =>
        new PoissonRun(this, Draw(Rate, samples, Rng.For(seed, RngStream.Real)), Draw(Rate, TestSize, Rng.For(seed, RngStream.Test)));

    /// <summary>n Poisson(λ) counts by Knuth's product of uniforms (fine for small λ).</summary>
    public static Rows Draw(double lambda, int n, Rng rng)
    {
        var values = new double[n];
        double limit = Math.Exp(-lambda);
        for (int i = 0; i < n; i++)
        {
            int k = 0;
            for (double product = rng.NextDouble(); product > limit; product *= rng.NextDouble()) k++;
            values[i] = k;
        }
        return new Rows(values, 1);
    }

    private sealed class PoissonRun(PoissonSetting setting, Rows real, Rows test) : ITaskRun<Rows>, IFreshRealData<Rows>
    {
        public Rows Real => real;

        public Rows DrawReal(int n, Rng rng) => Draw(setting.Rate, n, rng);

        public IModel<Rows> Fit(TrainingSet<Rows> train, Rng rng) => new Model(setting, test, train.Materialize().Values.Average());
    }

    private sealed class Model(PoissonSetting setting, Rows test, double rate) : IModel<Rows>
    {
        public Rows Sample(int n, Rng rng) => Draw(rate, n, rng);

        /// <summary>test_nll: mean −log p(k | λ̂) over the real test counts (infinite once λ̂ = 0 and a count is not).</summary>
        public void Score(MetricSink metrics)
        {
            double logRate = Math.Log(rate);
            double nll = test.Values.Average(k => rate - k * logRate + LogFactorial((int)k));
            metrics.Add(MetricNames.TestNll, double.IsNaN(nll) ? double.PositiveInfinity : nll);
            metrics.Add(RateSqError, (rate - setting.Rate) * (rate - setting.Rate));
        }

        private static double LogFactorial(int k)
        {
            double sum = 0;
            for (int i = 2; i <= k; i++) sum += Math.Log(i);
            return sum;
        }
    }
}
