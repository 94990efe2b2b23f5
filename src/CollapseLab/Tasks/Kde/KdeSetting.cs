using System.Globalization;
using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Tasks.Kde;

/// <summary>
/// Kernel density estimation setting (docs/semantics.md §4.2): real data from one of scikit-learn's generators (or a
/// user's CSV file); each model is the Gaussian-kernel KDE of its training set with a fixed or rule-of-thumb bandwidth.
/// Metrics: <c>test_nll</c> on 500 real held-out points and <c>train_spread</c>.
/// </summary>
public sealed class KdeSetting : TaskSetting<Rows>, IRunCostModel
{
    /// <summary>Size of the held-out real test set (smaller only when a CSV file has too few rows left).</summary>
    public const int TestSize = 500;

    private static readonly ParameterCondition Blobs = new("dataset", ["blobs"]);

    /// <summary>The setting's parameters (<c>dataset</c>, <c>noise</c>, <c>bandwidth</c>, the generators' shapes, <c>data</c>, <c>temperature</c>, …), with their defaults and accepted values.</summary>
    public static IReadOnlyList<ParameterSpec> Specs { get; } =
    [
        ParameterSpec.Choice("dataset", "real data generator (as scikit-learn's make_*); ignored when --data is given", "moons",
            "moons", "circles", "swiss_roll", "blobs"),
        ParameterSpec.Real("noise", "standard deviation of the Gaussian noise added to each coordinate (moons, circles, swiss_roll)", 0.05,
            above: 0, inclusive: true) with { AppliesWhen = new("dataset", ["moons", "circles", "swiss_roll"]) },
        ParameterSpec.Text("bandwidth", "kernel bandwidth h: a number, or scott / silverman (recomputed from the training-set size N at every fit)",
            "1", KdeBandwidth.Accepted, text => KdeBandwidth.TryParse(text)?.ToString()),
        new("factor", "radius of the inner circle relative to the outer one (circles)", "0.8", "a number ≥ 0 and < 1",
            text => ParameterSpec.TryParseReal(text, out double v) && v >= 0 && v < 1 ? ParameterSpec.Format(v) : null) { AppliesWhen = new("dataset", ["circles"]) },
        ParameterSpec.Int("features", "dimension d of the blobs", 2, min: 1) with { AppliesWhen = Blobs },
        ParameterSpec.Int("centers", "number of blobs, centres uniform in [-10, 10]^d, drawn once per run", 3, min: 1) with { AppliesWhen = Blobs },
        ParameterSpec.Real("cluster-std", "standard deviation of each blob", 1.0, above: 0, inclusive: true) with { AppliesWhen = Blobs },
        ParameterSpec.Text("data", "CSV file of real data (numeric columns, header optional); training and test sets are drawn from it without overlap",
            null, "a path to a CSV file", text => text.Trim().Length > 0 ? text.Trim() : null) with { Input = ParameterInput.File },
        ParameterSpec.Real("temperature", "sampling temperature τ: synthetic samples use bandwidth τ·h (the fitted density keeps h)", 1.0, above: 0)
            with { OmitWhenDefault = true },
        ParameterSpec.Flag(ReferenceTestCentersKey,
            "blobs: draw the test set's centres separately from the training data's, as the reference study does (two make_blobs calls); off: one truth for both")
            with { OmitWhenDefault = true },
    ];

    /// <summary>The switch for the reference study's blobs quirk (docs/semantics.md §4.2).</summary>
    public const string ReferenceTestCentersKey = "reference-test-centers";

    /// <summary>The catalogue entry of <c>kde</c>.</summary>
    public static TaskInfo Info { get; } = new("kde", "Gaussian-kernel density estimate of 2-D/3-D toy data or a CSV file, refit on its own samples",
        Specs, p => new KdeSetting(p));

    /// <inheritdoc/>
    public override string Name => "kde";
    /// <inheritdoc/>
    public override ParameterValues Parameters { get; }

    /// <summary>The generator of the real data (ignored when <see cref="DataPath"/> is set).</summary>
    public KdeDataset Dataset { get; }
    /// <summary>Standard deviation of the per-coordinate noise (moons, circles, swiss roll).</summary>
    public double Noise { get; }
    /// <summary>The kernel bandwidth h as given: fixed, or a rule recomputed from the training-set size at every fit.</summary>
    public KdeBandwidth Bandwidth { get; }
    /// <summary>Inner circle radius (circles).</summary>
    public double Factor { get; }
    /// <summary>Dimension of the blobs.</summary>
    public int Features { get; }
    /// <summary>Number of blobs.</summary>
    public int Centers { get; }
    /// <summary>Standard deviation of each blob (blobs).</summary>
    public double ClusterStd { get; }
    /// <summary>τ: synthetic samples are a training point plus N(0, (τh)²I).</summary>
    public double Temperature { get; }
    /// <summary>
    /// Blobs only: the test set has centres of its own (drawn from the Test stream before its points), so it comes from
    /// another mixture than the training data, as in the reference's fit_kdes.py (each make_blobs call draws new
    /// centres). Off by default: test NLL then measures the fit to the training data's truth.
    /// </summary>
    public bool ReferenceTestCenters { get; }
    /// <summary>The CSV file the real data come from, or null for a generator.</summary>
    public string? DataPath { get; }
    /// <summary>The CSV file's rows (read on first use), or null for a generator.</summary>
    /// <exception cref="InvalidParameterException">The CSV file cannot be read or is malformed.</exception>
    public Rows? Data => _data.Value;

    /// <summary>Dimension d of the data (a CSV file's is read from it).</summary>
    public int Dim => Data?.Dim ?? Dataset switch
    {
        KdeDataset.SwissRoll => 3,
        KdeDataset.Blobs => Features,
        _ => 2,
    };

    private readonly Lazy<Rows?> _data;

    /// <summary>A KDE can be fitted to a single point.</summary>
    public override int MinimumSamples => 1;

    /// <inheritdoc/>
    public override int NumbersPerSample => Dim;

    /// <summary>
    /// Models score any samples by their own density (curation by the model). A generator can also draw fresh real
    /// data, a CSV file cannot (its rows are split once into training and test sets). Only blobs have a true density
    /// in closed form (a Gaussian mixture), for curation by the truth.
    /// </summary>
    public override TaskAbilities Abilities =>
        TaskAbilities.ModelLikelihood
        | (DataPath is null ? TaskAbilities.FreshRealData : TaskAbilities.None)
        | (DataPath is null && Dataset == KdeDataset.Blobs ? TaskAbilities.TruthLikelihood : TaskAbilities.None);

    /// <summary>
    /// Kernel evaluations over the run: every iteration scores the test set against the training points it has not
    /// scored yet, and samples n points. A fit on the whole pool with a fixed bandwidth adds only the newest
    /// generation to each test point's running sum (n new points); a rule-of-thumb bandwidth changes with the pool's
    /// size, so Accumulate rescores the whole pool, t·n points at iteration t (O(T²·n) per run).
    /// </summary>
    public double EstimateCost(RunSpec run)
    {
        const double perIteration = 1000; // fitting statistics, sampling, metrics
        double n = run.Samples, t = run.Iterations, test = TestSize * Dim;
        double scored = run.Workflow is Workflows.Accumulate && !Bandwidth.IsFixed ? n * t * (t + 1) / 2 : n * t;
        return test * scored + t * (n * Dim + perIteration);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// From <c>bench kde</c> (18,000 runs, ≈ 400 s of CPU) and one estimated-bandwidth Accumulate run at n = 1000,
    /// T = 1000 (≈ 6 min of CPU), which agree within 10% (docs/benchmarks.md, "Paper parts").
    /// </remarks>
    public double? SecondsPerUnit => 7e-10;

    /// <summary>Threads the scoring kernel may use (−1: all cores). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// With a fixed bandwidth, whether a fit on a whole prefix of the pool (Accumulate) adds only the new generations'
    /// kernels to the test points' running sums (true) or rescores every entry (false, for tests and benchmarks:
    /// the results are bit-for-bit the same).
    /// </summary>
    internal bool IncrementalScoring { get; init; } = true;

    /// <summary>The setting with <paramref name="parameters"/>; a CSV file they name is read by <see cref="Validate"/> or the first run.</summary>
    public KdeSetting(ParameterValues parameters)
    {
        Parameters = parameters;
        Dataset = parameters.Text("dataset") switch
        {
            "circles" => KdeDataset.Circles,
            "swiss_roll" => KdeDataset.SwissRoll,
            "blobs" => KdeDataset.Blobs,
            _ => KdeDataset.Moons,
        };
        Noise = parameters.Real("noise");
        Bandwidth = KdeBandwidth.TryParse(parameters.Text("bandwidth") ?? "")
            ?? throw new InvalidParameterException("bandwidth", $"--bandwidth is required: {KdeBandwidth.Accepted}");
        Factor = parameters.Real("factor");
        Features = parameters.Int("features");
        Centers = parameters.Int("centers");
        ClusterStd = parameters.Real("cluster-std");
        Temperature = parameters.Real("temperature");
        double widest = Bandwidth.IsFixed ? Bandwidth.Value : 2; // the rules of thumb give h ≤ 1.06
        if (Temperature * widest > KdeBandwidth.Largest)
            throw new InvalidParameterException("temperature",
                $"invalid --temperature {parameters.Text("temperature")} for task kde with --bandwidth {Bandwidth}: samples spread τ·h must be ≤ 1e300");
        ReferenceTestCenters = parameters.Flag(ReferenceTestCentersKey);
        DataPath = parameters.Text("data");
        string? path = DataPath;
        _data = new Lazy<Rows?>(() => path is null ? null : KdeCsv.Load(path, "data"));
    }

    /// <summary>Reads the CSV file named by <c>data</c>, if any.</summary>
    /// <exception cref="InvalidParameterException">It cannot be read or is malformed.</exception>
    public override void Validate() => _ = Data;

    /// <summary>The setting with the given parameters (defaults as in <see cref="Specs"/>; bandwidth default 1).</summary>
    public KdeSetting(KdeDataset dataset = KdeDataset.Moons, KdeBandwidth? bandwidth = null, double noise = 0.05, double factor = 0.8,
        int features = 2, int centers = 3, double clusterStd = 1.0, string? data = null, double temperature = 1.0)
        : this(ParameterValues.Parse(Specs, Values(dataset, bandwidth, noise, factor, features, centers, clusterStd, data, temperature), "task kde"))
    {
    }

    private static Dictionary<string, string> Values(KdeDataset dataset, KdeBandwidth? bandwidth, double noise, double factor,
        int features, int centers, double clusterStd, string? data, double temperature)
    {
        var values = new Dictionary<string, string>
        {
            ["dataset"] = dataset switch
            {
                KdeDataset.Circles => "circles",
                KdeDataset.SwissRoll => "swiss_roll",
                KdeDataset.Blobs => "blobs",
                _ => "moons",
            },
            ["noise"] = ParameterSpec.Format(noise),
            ["bandwidth"] = (bandwidth ?? KdeBandwidth.Fixed(1.0)).ToString(),
            ["factor"] = ParameterSpec.Format(factor),
            ["features"] = features.ToString(CultureInfo.InvariantCulture),
            ["centers"] = centers.ToString(CultureInfo.InvariantCulture),
            ["cluster-std"] = ParameterSpec.Format(clusterStd),
            ["temperature"] = ParameterSpec.Format(temperature),
        };
        if (data is not null) values["data"] = data;
        return values;
    }

    /// <summary>
    /// Starts run <paramref name="seed"/>: n real training points and the real test set. From a generator they are drawn
    /// from the Real and Test streams (blob centres once from the Setup stream, shared by both unless
    /// <see cref="ReferenceTestCenters"/>); from a CSV file the
    /// test rows (Test stream) and then the training rows (Real stream) are drawn without replacement and never overlap.
    /// </summary>
    /// <exception cref="InvalidParameterException">The CSV file has no more rows than <paramref name="samples"/>.</exception>
    public override ITaskRun<Rows> Start(int samples, ulong seed)
    {
        if (Data is not null)
        {
            var (train, test) = SplitData(samples, seed);
            return new KdeRun(this, train, test);
        }
        var centers = Dataset == KdeDataset.Blobs ? KdeGenerators.BlobCenters(Centers, Features, Rng.For(seed, RngStream.Setup)) : null;
        var testRng = Rng.For(seed, RngStream.Test);
        var testCenters = centers is not null && ReferenceTestCenters ? KdeGenerators.BlobCenters(Centers, Features, testRng) : centers;
        return new KdeRun(this, Generate(samples, Rng.For(seed, RngStream.Real), centers), Generate(TestSize, testRng, testCenters), centers);
    }

    /// <summary>n points of this setting's generator; <paramref name="blobCenters"/> is required for blobs.</summary>
    public Rows Generate(int n, Rng rng, Rows? blobCenters = null) => Dataset switch
    {
        KdeDataset.Moons => KdeGenerators.Moons(n, Noise, rng),
        KdeDataset.Circles => KdeGenerators.Circles(n, Factor, Noise, rng),
        KdeDataset.SwissRoll => KdeGenerators.SwissRoll(n, Noise, rng),
        _ => KdeGenerators.Blobs(n, blobCenters ?? throw new ArgumentNullException(nameof(blobCenters), "blobs need their centres"), ClusterStd, rng),
    };

    private (Rows Train, Rows Test) SplitData(int samples, ulong seed)
    {
        var data = Data!;
        if (samples >= data.Count)
            throw new InvalidParameterException("samples",
                $"--data '{DataPath}' has {data.Count} rows: --samples must be smaller so that rows are left for the test set");
        int testCount = Math.Min(TestSize, data.Count - samples);
        var testRows = Rng.For(seed, RngStream.Test).SampleWithoutReplacement(data.Count, testCount);
        var isTest = new bool[data.Count];
        foreach (int row in testRows) isTest[row] = true;
        var rest = new int[data.Count - testCount];
        for (int row = 0, at = 0; row < data.Count; row++)
            if (!isTest[row]) rest[at++] = row;
        var trainRows = Rng.For(seed, RngStream.Real).SampleWithoutReplacement(rest.Length, samples);
        for (int i = 0; i < trainRows.Length; i++) trainRows[i] = rest[trainRows[i]];
        return (data.Take(trainRows), data.Take(testRows));
    }
}
