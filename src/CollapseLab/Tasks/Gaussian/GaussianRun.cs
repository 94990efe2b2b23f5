using System.Numerics.Tensors;
using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Numerics;
using CollapseLab.Random;

namespace CollapseLab.Tasks.Gaussian;

/// <summary>
/// One Gaussian run. Keeps the sufficient statistics of every pool entry (computed once) and a running total over
/// the pool's prefix (<see cref="PrefixTotal{TTotal}"/>), so Accumulate costs O(d²) per iteration for fitting, not O(t·n·d²).
/// </summary>
internal sealed class GaussianRun(GaussianSetting setting, Rows real, Rows test)
    : ITaskRun<Rows>, IFreshRealData<Rows>, ITruthLikelihood<Rows>
{
    private readonly List<GaussianStatistics> _entryStatistics = [];
    private readonly PrefixTotal<GaussianStatistics> _prefixStatistics = new();

    public Rows Real { get; } = real;
    public Rows Test { get; } = test;
    public GaussianSetting Setting { get; } = setting;

    /// <summary>The test set's mean and a factor of its (biased) covariance, for <c>test_nll</c> without revisiting the points.</summary>
    public (double[] Mean, SymmetricFactor CovarianceFactor) TestMoments => _testMoments ??= MomentsOf(Test);
    private (double[] Mean, SymmetricFactor CovarianceFactor)? _testMoments;

    private static (double[] Mean, SymmetricFactor CovarianceFactor) MomentsOf(Rows points)
    {
        var statistics = GaussianStatistics.Of(points);
        var covariance = new double[statistics.M2.Length];
        TensorPrimitives.Divide(statistics.M2, points.Count, covariance);
        return (statistics.Mean, SymmetricFactor.Of(covariance, points.Dim));
    }

    public Rows DrawReal(int n, Rng rng) => Setting.DrawTruth(n, rng);

    /// <summary>log N(x; 0, σ²I) up to a constant: −‖x‖² / (2σ²).</summary>
    public double[] TruthLogLikelihood(Rows samples)
    {
        var scores = new double[samples.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            var x = samples.Row(i);
            scores[i] = -System.Numerics.Tensors.TensorPrimitives.Dot(x, x) / (2 * Setting.Sigma2);
        }
        return scores;
    }

    public IModel<Rows> Fit(TrainingSet<Rows> train, Rng rng) => new GaussianModel(this, Statistics(train));

    /// <remarks>
    /// Whole pool entries reuse their cached statistics; rows picked out of entries (subsamples) are gathered into one
    /// matrix and measured in one pass, since a subsample of n rows spread over t entries would otherwise cost t merges.
    /// </remarks>
    private GaussianStatistics Statistics(TrainingSet<Rows> train)
    {
        int prefix = train.WholePrefixLength();
        if (prefix > 0) return PrefixStatistics(train.Pool, prefix - 1);
        var parts = train.Selection.Parts;
        var picked = parts.Where(p => p.Rows is not null).ToArray();
        GaussianStatistics? total = picked.Length > 0 ? GaussianStatistics.Of(Rows.Concat(picked.Select(train.Part).ToArray())) : null;
        foreach (var part in parts.Where(p => p.Rows is null))
        {
            var statistics = EntryStatistics(train.Pool, part.Entry);
            total = total is null ? statistics : GaussianStatistics.Merge(total, statistics);
        }
        return total ?? throw new InvalidOperationException("the workflow selected no training data");
    }

    private GaussianStatistics EntryStatistics(Pool<Rows> pool, int entry)
    {
        while (_entryStatistics.Count <= entry) _entryStatistics.Add(GaussianStatistics.Of(pool[_entryStatistics.Count]));
        return _entryStatistics[entry];
    }

    private GaussianStatistics PrefixStatistics(Pool<Rows> pool, int last) =>
        _prefixStatistics.Of(last + 1, k => EntryStatistics(pool, k), (total, k) => GaussianStatistics.Merge(total, EntryStatistics(pool, k)));
}
