using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Random;

namespace CollapseLab.Tasks.Kde;

/// <summary>
/// One KDE run. Keeps the spread statistics of every pool entry (computed once) and a running total over the pool's
/// prefix (<see cref="PrefixTotal{TTotal}"/>), and,
/// with a fixed bandwidth, each test point's running log-sum-exp over the pool's prefix: under Accumulate a fit adds
/// only the newest generation's kernels, O(test × n) instead of O(test × t·n). Every other training set (Replace,
/// Accumulate-Subsample, any row subset, and every fit with a rule-of-thumb bandwidth, whose h changes with N) is
/// scored in full: O(test × N) per fit.
/// </summary>
internal sealed class KdeRun : ITaskRun<Rows>, IFreshRealData<Rows>, ITruthLikelihood<Rows>
{
    private readonly Rows? _blobCenters;
    private readonly List<SpreadStatistics> _entryStatistics = [];
    private readonly PrefixTotal<SpreadStatistics> _prefixStatistics = new();

    // Fixed bandwidth: test points' running log-sum-exp over pool entries 0.._scoredEntries − 1.
    private RunningLogSumExp? _prefixScores;
    private int _scoredEntries;

    private FloatColumns? _scaledTest;
    private readonly double[] _origin; // the test set's mean: the float coordinates are relative to it
    private double _scaledTestBandwidth = double.NaN;
    private readonly FloatColumns _training; // scaled training points, reused between fits

    public KdeRun(KdeSetting setting, Rows real, Rows test, Rows? blobCenters = null)
    {
        _blobCenters = blobCenters;
        Setting = setting;
        Real = real;
        Test = test;
        _training = new FloatColumns(real.Dim);
        _origin = new double[test.Dim];
        for (int i = 0; i < test.Count; i++)
            for (int j = 0; j < test.Dim; j++) _origin[j] += test.Row(i)[j] / test.Count;
    }

    public KdeSetting Setting { get; }
    public Rows Real { get; }
    public Rows Test { get; }

    /// <summary>The point that scored coordinates are relative to (the test set's mean).</summary>
    public ReadOnlySpan<double> Origin => _origin;

    /// <summary>More points of the run's generator (blobs around the run's centres).</summary>
    public Rows DrawReal(int n, Rng rng) =>
        Setting.Data is null ? Setting.Generate(n, rng, _blobCenters) : throw new InvalidOperationException("a CSV data set has no fresh real data");

    /// <summary>
    /// Blobs only: log of the true mixture density (1/C) Σ_c N(x; μ_c, σ²I) up to a shared constant, i.e.
    /// log Σ_c exp(−‖x − μ_c‖²/(2σ²)); with σ = 0, −min_c ‖x − μ_c‖² (the same ranking in the limit).
    /// </summary>
    public double[] TruthLogLikelihood(Rows samples)
    {
        var centers = _blobCenters ?? throw new InvalidOperationException("only blobs have a true density in closed form");
        double sigma2 = Setting.ClusterStd * Setting.ClusterStd;
        var scores = new double[samples.Count];
        var exponents = new double[centers.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            var x = samples.Row(i);
            for (int c = 0; c < centers.Count; c++)
            {
                var mu = centers.Row(c);
                double squares = 0;
                for (int j = 0; j < x.Length; j++) squares += (x[j] - mu[j]) * (x[j] - mu[j]);
                exponents[c] = sigma2 > 0 ? -squares / (2 * sigma2) : -squares;
            }
            double max = exponents.Max();
            if (sigma2 == 0) { scores[i] = max; continue; }
            double sum = 0;
            foreach (double e in exponents) sum += Math.Exp(e - max);
            scores[i] = max + Math.Log(sum);
        }
        return scores;
    }

    public IModel<Rows> Fit(TrainingSet<Rows> train, Rng rng)
    {
        int count = train.Count;
        if (count == 0) throw new InvalidOperationException("the workflow selected no training data");
        int prefix = train.WholePrefixLength();
        double h = Setting.Bandwidth.For(count, Real.Dim);
        var statistics = prefix > 0 ? PrefixStatistics(train.Pool, prefix - 1) : Statistics(train);
        var scores = prefix > 0 && Setting.Bandwidth.IsFixed ? PrefixScores(train.Pool, prefix, h) : ScoreAll(train, h);
        return new KdeModel(this, train, h, LogDensities(scores, count, h, Real.Dim), statistics.Spread);
    }

    /// <summary>log p(x_k) = log Σ_i exp(−‖x_k − x_i‖²/(2h²)) − log N − d·log h − (d/2)·log 2π.</summary>
    private static double[] LogDensities(RunningLogSumExp scores, int count, double h, int dim)
    {
        double normalizer = Math.Log(count) + dim * Math.Log(h) + 0.5 * dim * Math.Log(2 * Math.PI);
        var logDensities = new double[scores.Count];
        for (int k = 0; k < logDensities.Length; k++) logDensities[k] = scores.Value(k) - normalizer;
        return logDensities;
    }

    /// <summary>log p(x) of each of <paramref name="points"/> under the KDE of <paramref name="train"/> with bandwidth <paramref name="h"/>.</summary>
    public double[] LogDensities(TrainingSet<Rows> train, double h, Rows points)
    {
        double scale = KdeScorer.Scale(h);
        var training = new FloatColumns(Real.Dim, train.Count);
        foreach (var part in train.Selection.Parts) training.Append(train.Pool[part.Entry], part.Rows, _origin, scale);
        var scores = new RunningLogSumExp(points.Count);
        Accumulate(scores, points, FloatColumns.Of(points, _origin, scale), training, Parts(train), h);
        return LogDensities(scores, training.Count, h, Real.Dim);
    }

    /// <summary>
    /// Adds the kernels of the training points to <paramref name="scores"/>, one per point of <paramref name="points"/>:
    /// by the float kernel on the scaled copies when they fit single precision (every ordinary bandwidth), else
    /// exactly in double precision from the rows themselves.
    /// </summary>
    private void Accumulate(RunningLogSumExp scores, Rows points, FloatColumns scaledPoints, FloatColumns scaledTraining,
        IReadOnlyList<(Rows Rows, int[]? Indices)> training, double h)
    {
        if (KdeScorer.FitsSinglePrecision(scaledPoints, scaledTraining))
            KdeScorer.Accumulate(scores, scaledPoints, scaledTraining, 0, scaledTraining.Count, Setting.MaxDegreeOfParallelism);
        else
            KdeScorer.AccumulateExact(scores, points, training, h, Setting.MaxDegreeOfParallelism);
    }

    private static (Rows Rows, int[]? Indices)[] Parts(TrainingSet<Rows> train) =>
        train.Selection.Parts.Select(part => (train.Pool[part.Entry], part.Rows)).ToArray();


    private RunningLogSumExp PrefixScores(Pool<Rows> pool, int entries, double h)
    {
        if (_prefixScores is null || entries < _scoredEntries || !Setting.IncrementalScoring)
        {
            // A shorter prefix than already scored (only a custom workflow would select one): start again.
            _prefixScores = new RunningLogSumExp(Test.Count);
            _scoredEntries = 0;
        }
        var test = ScaledTest(h);
        double scale = KdeScorer.Scale(h);
        for (; _scoredEntries < entries; _scoredEntries++)
        {
            _training.Clear();
            _training.Append(pool[_scoredEntries], null, _origin, scale);
            Accumulate(_prefixScores, Test, test, _training, [(pool[_scoredEntries], null)], h);
        }
        return _prefixScores;
    }

    private RunningLogSumExp ScoreAll(TrainingSet<Rows> train, double h)
    {
        double scale = KdeScorer.Scale(h);
        _training.Clear();
        foreach (var part in train.Selection.Parts) _training.Append(train.Pool[part.Entry], part.Rows, _origin, scale);
        var scores = new RunningLogSumExp(Test.Count);
        Accumulate(scores, Test, ScaledTest(h), _training, Parts(train), h);
        return scores;
    }

    private FloatColumns ScaledTest(double h)
    {
        if (_scaledTest is null || _scaledTestBandwidth != h)
        {
            _scaledTest = FloatColumns.Of(Test, _origin, KdeScorer.Scale(h));
            _scaledTestBandwidth = h;
        }
        return _scaledTest;
    }

    private SpreadStatistics Statistics(TrainingSet<Rows> train)
    {
        SpreadStatistics? total = null;
        foreach (var part in train.Selection.Parts)
        {
            var statistics = part.Rows is null ? EntryStatistics(train.Pool, part.Entry) : SpreadStatistics.Of(train.Pool[part.Entry], part.Rows);
            total = total is null ? statistics : SpreadStatistics.Merge(total, statistics);
        }
        return total!;
    }

    private SpreadStatistics EntryStatistics(Pool<Rows> pool, int entry)
    {
        while (_entryStatistics.Count <= entry) _entryStatistics.Add(SpreadStatistics.Of(pool[_entryStatistics.Count]));
        return _entryStatistics[entry];
    }

    private SpreadStatistics PrefixStatistics(Pool<Rows> pool, int last) =>
        _prefixStatistics.Of(last + 1, k => EntryStatistics(pool, k), (total, k) => SpreadStatistics.Merge(total, EntryStatistics(pool, k)));
}
