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

    /// <summary>The switch for the reference study's blobs quirk (docs/semantics.md §4.2).</summary>
    public const string ReferenceTestCentersKey = "reference-test-centers";

    /// <summary>The catalogue entry of <c>kde</c>.</summary>
    public static TaskInfo Info { get; } = new("kde", "Gaussian-kernel density estimate of 2-D/3-D toy data or a CSV file, refit on its own samples",
        KdeParameters.Declaration.Specs, p => new KdeSetting(KdeParameters.Declaration.Read(p)));

    /// <summary>
    /// The setting with <paramref name="parameters"/> (default: moons, h = 1); a CSV file they name is read by
    /// <see cref="Validate"/> or the first run, never here.
    /// </summary>
    /// <exception cref="InvalidParameterException">A parameter out of range, or τ·h too wide.</exception>
    public KdeSetting(KdeParameters? parameters = null)
    {
        Options = parameters ?? new();
        Parameters = KdeParameters.Declaration.Write(Options);
        double widest = Bandwidth.IsFixed ? Bandwidth.Value : 2; // the rules of thumb give h ≤ 1.06
        if (Temperature * widest > KdeBandwidth.Largest)
            throw new InvalidParameterException("temperature",
                $"invalid {InvalidParameterException.Name("temperature")} {Parameters.Text("temperature")} for task kde with {InvalidParameterException.Name("bandwidth")} {Bandwidth}: samples spread τ·h must be ≤ 1e300");
        string? path = DataPath;
        _data = new Lazy<Rows?>(() => path is null ? null : KdeCsv.Load(path, "data"));
    }

    /// <inheritdoc/>
    public override string Name => "kde";
    /// <inheritdoc/>
    public override ParameterValues Parameters { get; }

    /// <summary>The typed parameters.</summary>
    public KdeParameters Options { get; }

    /// <inheritdoc cref="KdeParameters.Dataset"/>
    public KdeDataset Dataset => Options.Dataset;
    /// <inheritdoc cref="KdeParameters.Noise"/>
    public double Noise => Options.Noise;
    /// <inheritdoc cref="KdeParameters.Bandwidth"/>
    public KdeBandwidth Bandwidth => Options.Bandwidth;
    /// <inheritdoc cref="KdeParameters.Factor"/>
    public double Factor => Options.Factor;
    /// <inheritdoc cref="KdeParameters.Features"/>
    public int Features => Options.Features;
    /// <inheritdoc cref="KdeParameters.Centers"/>
    public int Centers => Options.Centers;
    /// <inheritdoc cref="KdeParameters.ClusterStd"/>
    public double ClusterStd => Options.ClusterStd;
    /// <inheritdoc cref="KdeParameters.Temperature"/>
    public double Temperature => Options.Temperature;
    /// <summary>
    /// Blobs only: the test set has centres of its own (drawn from the Test stream before its points), so it comes from
    /// another mixture than the training data, as in the reference's fit_kdes.py (each make_blobs call draws new
    /// centres). Off by default: test NLL then measures the fit to the training data's truth.
    /// </summary>
    public bool ReferenceTestCenters => Options.ReferenceTestCenters;
    /// <summary>The CSV file the real data come from, or null for a generator.</summary>
    public string? DataPath => Parameters.Text("data");
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

    /// <summary>Reads the CSV file named by <c>data</c>, if any.</summary>
    /// <exception cref="InvalidParameterException">It cannot be read or is malformed.</exception>
    public override void Validate() => _ = Data;

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
                $"{InvalidParameterException.Name("data")} '{DataPath}' has {data.Count} rows: {InvalidParameterException.Name("samples")} must be smaller so that rows are left for the test set");
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
