using CollapseLab.Numerics;
using CollapseLab.Random;
using MathNet.Numerics.LinearAlgebra;

namespace CollapseLab.Tests.Numerics;

public class PseudoInverseTests
{
    /// <summary>Compared with MathNet's full-SVD pseudo-inverse (the reference), for tall, square, wide and rank-deficient A.</summary>
    [Theory]
    [InlineData(40, 5, 0)]
    [InlineData(7, 7, 0)]
    [InlineData(3, 9, 0)]
    [InlineData(30, 6, 2)]  // two repeated columns: rank 4
    [InlineData(4, 12, 3)]  // wide, rank 1
    [InlineData(1, 1, 0)]
    public void Matches_the_full_svd_pseudo_inverse(int m, int n, int repeatedColumns)
    {
        var rng = new Rng((ulong)(m * 100 + n));
        var a = new double[m * n];
        rng.FillGaussian(a);
        for (int i = 0; i < m; i++)
            for (int j = n - repeatedColumns; j < n; j++) a[i * n + j] = a[i * n];
        var expected = Matrix<double>.Build.DenseOfRowMajor(m, n, a).PseudoInverse().ToRowMajorArray();
        var actual = PseudoInverse.Of(a, m, n);
        Assert.Equal(n * m, actual.Length);
        for (int i = 0; i < actual.Length; i++) Assert.Equal(expected[i], actual[i], 1e-10 * (1 + Math.Abs(expected[i])));
    }

    [Fact]
    public void A_zero_matrix_has_a_zero_pseudo_inverse()
    {
        Assert.All(PseudoInverse.Of(new double[12], 4, 3), x => Assert.Equal(0.0, x));
    }
}
