using System.Buffers;
using System.Numerics.Tensors;
using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Numerics;
using CollapseLab.Random;

namespace CollapseLab.Tasks.Gaussian;

/// <summary>A fitted Gaussian N(μ̂, Σ̂) of one run.</summary>
internal sealed class GaussianModel : IModel<Rows>, IModelLikelihood<Rows>
{
    private readonly GaussianRun _run;

    /// <summary>μ̂, length d.</summary>
    public double[] Mean { get; }
    /// <summary>Σ̂, row-major (d, d).</summary>
    public double[] Covariance { get; }
    public SymmetricFactor Factor { get; }

    public GaussianModel(GaussianRun run, GaussianStatistics statistics)
    {
        _run = run;
        int d = statistics.Dim;
        Mean = statistics.Mean;
        double divisor = run.Setting.Estimator == CovarianceEstimator.Unbiased ? statistics.Count - 1 : statistics.Count;
        if (divisor <= 0) throw new InvalidOperationException($"cannot estimate a covariance from {statistics.Count} sample(s)");
        Covariance = new double[d * d];
        for (int i = 0; i < Covariance.Length; i++) Covariance[i] = statistics.M2[i] / divisor;
        Factor = SymmetricFactor.Of(Covariance, d);
    }

    /// <summary>x_i = μ̂ + √τ·Fᵀ z_i with z_i ~ N(0, I): one (n, d) × (d, d) product.</summary>
    public Rows Sample(int n, Rng rng)
    {
        int d = Mean.Length;
        var buffer = ArrayPool<double>.Shared.Rent(n * d);
        var z = buffer.AsSpan(0, n * d);
        rng.FillGaussian(z);
        double temperature = _run.Setting.Temperature;
        if (temperature != 1) System.Numerics.Tensors.TensorPrimitives.Multiply(z, Math.Sqrt(temperature), z);
        var x = new double[n * d];
        for (int i = 0; i < n; i++) Mean.CopyTo(x, i * d);
        Gemm.MultiplyAdd(z, d, 1, Factor.Factor, x, n, d, d);
        ArrayPool<double>.Shared.Return(buffer);
        return new Rows(x, d);
    }

    public void Score(MetricSink metrics)
    {
        var setting = _run.Setting;
        int d = Mean.Length;
        double meanSq = 0, trace = 0;
        for (int j = 0; j < d; j++)
        {
            meanSq += Mean[j] * Mean[j];
            trace += Covariance[j * d + j];
        }
        double logDetRatio = Factor.LogDeterminant - d * Math.Log(setting.Sigma2);
        metrics.Add(MetricNames.MeanSqError, meanSq);
        metrics.Add(MetricNames.CovTraceRatio, trace / (setting.Sigma2 * d));
        metrics.Add(MetricNames.CovLogdetRatio, logDetRatio);
        metrics.Add(MetricNames.CovDetRatio, Math.Exp(logDetRatio));
        metrics.Add(MetricNames.TestNll, TestNll());
        // d = 1 only: with its sign (mean_sq_error drops it), so reports draw the fitted densities from stored runs
        if (d == 1) metrics.Add(MetricNames.FittedMean, Mean[0]);
    }

    /// <summary>
    /// log N(x; μ̂, Σ̂) up to a constant: −½ (x − μ̂)ᵀ Σ̂⁺ (x − μ̂), with the pseudo-inverse when Σ̂ is singular
    /// (its own samples lie in Σ̂'s support, where this is the density's exponent).
    /// </summary>
    public double[] LogLikelihood(Rows samples) =>
        HalfMahalanobis(samples).Select(q => -q).ToArray();

    /// <summary>½ (x_i − μ̂)ᵀ Σ̂⁺ (x_i − μ̂) for every row, by one whitening product.</summary>
    private double[] HalfMahalanobis(Rows points)
    {
        int n = points.Count, d = Mean.Length;
        var buffer = ArrayPool<double>.Shared.Rent(2 * n * d);
        var x = buffer.AsSpan(0, n * d);
        var y = buffer.AsSpan(n * d, n * d);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) x[i * d + j] = points.Values[i * d + j] - Mean[j];
        y.Clear();
        Gemm.MultiplyAdd(x, d, 1, Factor.Whitening(), y, n, d, d);
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double q = 0;
            foreach (double v in y.Slice(i * d, d)) q += v * v;
            result[i] = 0.5 * q;
        }
        ArrayPool<double>.Shared.Return(buffer);
        return result;
    }

    /// <summary>Mean negative log-density of the run's real test points; +∞ when Σ̂ is singular.</summary>
    /// <remarks>
    /// With W the whitening matrix (Σ̂⁻¹ = W Wᵀ), the test points' mean of (x − μ̂)ᵀ Σ̂⁻¹ (x − μ̂) is
    /// tr(Wᵀ S W) + ‖(x̄ − μ̂)ᵀ W‖², where x̄ and S = Gᵀ G are the test set's mean and (biased) covariance, fixed per
    /// run: ‖G W‖²_F + ‖(x̄ − μ̂)ᵀ W‖², O(d³) per iteration instead of O(m·d²) for m test points.
    /// </remarks>
    private double TestNll()
    {
        if (Factor.IsSingular) return double.PositiveInfinity;
        int d = Mean.Length;
        var w = Factor.Whitening();
        var test = _run.TestMoments;
        var g = test.CovarianceFactor.Factor;
        var row = new double[d];
        double quadratic = 0;
        for (int i = 0; i < d; i++)
        {
            Array.Clear(row);
            for (int k = 0; k < d; k++)
                if (g[i * d + k] != 0) TensorPrimitives.MultiplyAdd(w.AsSpan(k * d, d), g[i * d + k], row, row);
            quadratic += TensorPrimitives.Dot(row, row);
        }
        var offset = new double[d];
        TensorPrimitives.Subtract(test.Mean, Mean, offset);
        Array.Clear(row);
        for (int k = 0; k < d; k++) TensorPrimitives.MultiplyAdd(w.AsSpan(k * d, d), offset[k], row, row);
        quadratic += TensorPrimitives.Dot(row, row);
        return 0.5 * (d * Math.Log(2 * Math.PI) + Factor.LogDeterminant + quadratic);
    }
}
