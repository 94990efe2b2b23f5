using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Random;

namespace CollapseLab.Tasks.Kde;

/// <summary>
/// A fitted Gaussian-kernel KDE of one run: p(x) = (1/N) Σ_i N(x; x_i, h²I) over its N training points, with its
/// metrics on the run's real test set computed at fit time.
/// </summary>
internal sealed class KdeModel : IModel<Rows>, IModelLikelihood<Rows>
{
    private readonly KdeRun _run;
    private readonly TrainingSet<Rows> _train;
    private readonly int[] _partEnds; // cumulative sizes of the selection's parts

    public KdeModel(KdeRun run, TrainingSet<Rows> train, double bandwidth, double[] testLogDensities, double trainSpread)
    {
        _run = run;
        _train = train;
        Bandwidth = bandwidth;
        TestLogDensities = testLogDensities;
        TrainSpread = trainSpread;
        var parts = train.Selection.Parts;
        _partEnds = new int[parts.Count];
        for (int p = 0, total = 0; p < parts.Count; p++)
            _partEnds[p] = total += parts[p].Rows?.Length ?? train.Pool.Entries[parts[p].Entry].Count;
    }

    /// <summary>The bandwidth h used (a rule of thumb evaluated at this training set's size).</summary>
    public double Bandwidth { get; }

    /// <summary>Number of training points N.</summary>
    public int Count => _partEnds[^1];

    /// <summary>log p(x) of each real test point.</summary>
    public double[] TestLogDensities { get; }

    /// <summary>Mean per-dimension biased variance of the training set.</summary>
    public double TrainSpread { get; }

    /// <summary>−mean log p over the real test set.</summary>
    public double TestNll
    {
        get
        {
            double total = 0;
            foreach (double logDensity in TestLogDensities) total += logDensity;
            return -total / TestLogDensities.Length;
        }
    }

    /// <summary>Each sample: a training point chosen uniformly at random plus N(0, (τh)²I), τ the setting's temperature (default 1).</summary>
    public Rows Sample(int n, Rng rng)
    {
        var parts = _train.Selection.Parts;
        int d = _train.Pool[parts[0].Entry].Dim;
        var values = new double[n * d];
        double spread = _run.Setting.Temperature * Bandwidth;
        for (int i = 0; i < n; i++)
        {
            int flat = rng.NextInt(Count);
            int p = Array.BinarySearch(_partEnds, flat);
            p = p < 0 ? ~p : p + 1;
            while (_partEnds[p] <= flat) p++; // skip empty parts: the first part whose end exceeds flat
            var part = parts[p];
            int offset = flat - (p == 0 ? 0 : _partEnds[p - 1]);
            var row = _train.Pool[part.Entry].Row(part.Rows?[offset] ?? offset);
            for (int j = 0; j < d; j++) values[i * d + j] = row[j] + spread * rng.NextGaussian();
        }
        return new Rows(values, d);
    }

    /// <summary>log p(x) of each sample under this KDE: O(samples × N).</summary>
    public double[] LogLikelihood(Rows samples) => _run.LogDensities(_train, Bandwidth, samples);

    public void Score(MetricSink metrics)
    {
        metrics.Add(MetricNames.TestNll, TestNll);
        metrics.Add(MetricNames.TrainSpread, TrainSpread);
    }
}
