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
