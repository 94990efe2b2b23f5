using BenchmarkDotNet.Attributes;
using CollapseLab.Data;
using CollapseLab.Numerics;
using CollapseLab.Random;
using CollapseLab.Tasks.Gaussian;

namespace CollapseLab.Benchmarks.Gaussian;

/// <summary>The Gaussian hot paths at the reference grid's largest cell (d = 100, n = 1000), each beside its scalar reference.</summary>
[MemoryDiagnoser]
public class GaussianKernelBenchmarks
{
    private const int N = 1000, D = 100;
    private double[] _z = [], _factor = [], _x = [], _covariance = [], _singularCovariance = [];
    private Rows _rows = null!;
    private Rng _rng = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rng = new Rng(1);
        _z = new double[N * D];
        _rng.FillGaussian(_z);
        _factor = new double[D * D];
        _rng.FillGaussian(_factor);
        _x = new double[N * D];
        _rows = new Rows((double[])_z.Clone(), D);
        _covariance = CovarianceOf(_z, N);
        _singularCovariance = CovarianceOf(_z, 10);
    }

    private static double[] CovarianceOf(double[] z, int n)
    {
        var m2 = GaussianStatistics.Of(new Rows(z[..(n * D)], D)).M2;
        return m2.Select(v => v / n).ToArray();
    }

    [Benchmark(Description = "normals: 10^5 standard normal deviates")]
    public void Normals() => _rng.FillGaussian(_z);

    [Benchmark(Description = "sample GEMM (1000×100)·(100×100), blocked SIMD")]
    public void SampleGemm() => Gemm.MultiplyAdd(_z, D, 1, _factor, _x, N, D, D);

    [Benchmark(Description = "sample GEMM (1000×100)·(100×100), scalar reference")]
    public void SampleGemmScalar() => Gemm.MultiplyAddReference(_z, D, 1, _factor, _x, N, D, D);

    [Benchmark(Description = "statistics of 1000×100 rows (mean, M2)")]
    public GaussianStatistics Statistics() => GaussianStatistics.Of(_rows);

    [Benchmark(Description = "factor a 100×100 covariance (n = 1000): Cholesky")]
    public SymmetricFactor Factor() => SymmetricFactor.Of(_covariance, D);

    [Benchmark(Description = "factor a singular 100×100 covariance (n = 10): pivoted Cholesky")]
    public SymmetricFactor FactorSingular() => SymmetricFactor.Of(_singularCovariance, D);

    [Benchmark(Description = "Cholesky and whitening matrix (100×100)")]
    public double[] Whitening() => SymmetricFactor.Of(_covariance, D).Whitening();
}
