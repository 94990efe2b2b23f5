using CollapseLab.Numerics;
using CollapseLab.Random;

namespace CollapseLab.Tests.Numerics;

public class SymmetricFactorTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(4, 10)]
    [InlineData(30, 40)]
    public void CholeskyFactorReproducesAPositiveDefiniteMatrix(int d, int n)
    {
        var sigma = RandomCovariance(d, n, new Rng(3));
        var factor = SymmetricFactor.Of(sigma, d);
        Assert.False(factor.IsSingular);
        AssertReproduces(sigma, factor, d);

        // Whitening: ‖xᵀW‖² = xᵀ Σ⁻¹ x, checked as Σ W Wᵀ = I.
        var w = factor.Whitening();
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                double v = 0;
                for (int k = 0; k < d; k++)
                    for (int j = 0; j < d; j++) v += sigma[r * d + k] * w[k * d + j] * w[c * d + j];
                Assert.Equal(r == c ? 1.0 : 0.0, v, 8);
            }
    }

    [Theory]
    [InlineData(20, 5)]   // rank 4: the first pivot search happens at row 4
    [InlineData(20, 20)]  // rank 19: only the last natural pivot fails
    [InlineData(100, 10)] // the reference grid's singular shape
    public void SingularMatrixFallsBackToAPivotedFactorWithoutNaN(int d, int n)
    {
        var sigma = RandomCovariance(d, n, new Rng(4)); // rank n − 1
        var factor = SymmetricFactor.Of(sigma, d);
        Assert.True(factor.IsSingular);
        Assert.Equal(double.NegativeInfinity, factor.LogDeterminant);
        Assert.All(factor.Factor, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(n - 1, Enumerable.Range(0, d).Count(k => factor.Factor.AsSpan(k * d, d).ContainsAnyExcept(0.0)));
        AssertReproduces(sigma, factor, d);
    }

    [Fact]
    public void SingularWhiteningGivesPseudoInverseDistancesWithinTheSupport()
    {
        const int d = 12, n = 6;
        var rng = new Rng(6);
        var sigma = RandomCovariance(d, n, rng);
        var factor = SymmetricFactor.Of(sigma, d);
        var w = factor.Whitening();
        // A point in the support, x = Σ a, has xᵀ Σ⁺ x = aᵀ Σ a.
        var a = new double[d];
        rng.FillGaussian(a);
        var x = new double[d];
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++) x[r] += sigma[r * d + c] * a[c];
        double expected = 0, whitened = 0;
        for (int r = 0; r < d; r++) expected += a[r] * x[r];
        for (int c = 0; c < d; c++)
        {
            double y = 0;
            for (int r = 0; r < d; r++) y += x[r] * w[r * d + c];
            whitened += y * y;
        }
        Assert.Equal(expected, whitened, 8);
    }

    /// <summary>Q diag(λ) Qᵀ for a fixed rotation Q (so no eigenvector lies along an axis), row-major 3 × 3.</summary>
    private static double[] Rotated(double[] eigenvalues)
    {
        const int d = 3;
        double a = 0.7, b = 1.9;
        double[] q = [Math.Cos(a), -Math.Sin(a) * Math.Cos(b), Math.Sin(a) * Math.Sin(b),
                      Math.Sin(a), Math.Cos(a) * Math.Cos(b), -Math.Cos(a) * Math.Sin(b),
                      0, Math.Sin(b), Math.Cos(b)];
        var sigma = new double[d * d];
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
                for (int k = 0; k < d; k++) sigma[r * d + c] += q[r * d + k] * eigenvalues[k] * q[c * d + k];
        return sigma;
    }

    [Theory]
    [InlineData(1e-10)]
    [InlineData(1e-12)]
    [InlineData(1e-13)] // a fixed cut at 1e-12 of the largest diagonal called these singular
    [InlineData(1e-14)]
    public void AnIllConditionedMatrixAboveNumpysRankToleranceIsFullRankWithItsLogDeterminant(double smallest)
    {
        var factor = SymmetricFactor.Of(Rotated([1.0, smallest, 0.5]), 3);
        Assert.False(factor.IsSingular);
        Assert.Equal(Math.Log(smallest * 0.5), factor.LogDeterminant, 1e-2); // the small eigenvalue to ~1e-16 absolute
    }

    [Fact]
    public void AMatrixBelowNumpysRankToleranceIsSingular()
    {
        var factor = SymmetricFactor.Of(Rotated([1.0, 1e-17, 0.5]), 3);
        Assert.True(factor.IsSingular);
        Assert.Equal(double.NegativeInfinity, factor.LogDeterminant);
    }

    [Fact]
    public void TheLogDeterminantIsFiniteWhereTheDeterminantUnderflows()
    {
        const int d = 100;
        var sigma = new double[d * d];
        for (int j = 0; j < d; j++) sigma[j * d + j] = 1e-5; // det = 1e-500, below the smallest double
        Assert.Equal(d * Math.Log(1e-5), SymmetricFactor.Of(sigma, d).LogDeterminant, 1e-9);
    }

    [Fact]
    public void ZeroMatrixIsSingularWithAZeroFactor()
    {
        var factor = SymmetricFactor.Of(new double[9], 3);
        Assert.True(factor.IsSingular);
        Assert.All(factor.Factor, v => Assert.Equal(0.0, v));
    }

    private static void AssertReproduces(double[] sigma, SymmetricFactor factor, int d)
    {
        var f = factor.Factor;
        double scale = sigma.Max(Math.Abs);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                double v = 0;
                for (int k = 0; k < d; k++) v += f[k * d + r] * f[k * d + c];
                Assert.True(Math.Abs(v - sigma[r * d + c]) <= 1e-10 * scale, $"(FᵀF)[{r},{c}] = {v}, Σ = {sigma[r * d + c]}");
            }
    }

    /// <summary>The ML covariance of n standard normal points in d dimensions (rank min(d, n − 1)).</summary>
    private static double[] RandomCovariance(int d, int n, Rng rng)
    {
        var x = new double[n * d];
        rng.FillGaussian(x);
        var mean = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
        var sigma = new double[d * d];
        for (int i = 0; i < n; i++)
            for (int r = 0; r < d; r++)
                for (int c = 0; c < d; c++) sigma[r * d + c] += (x[i * d + r] - mean[r]) * (x[i * d + c] - mean[c]) / n;
        return sigma;
    }
}
