using CollapseLab.Numerics;
using CollapseLab.Random;

namespace CollapseLab.Tests.Numerics;

public class GemmTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int m in new[] { 0, 1, 3, 4, 5, 9 })
            foreach (int k in new[] { 0, 1, 7, 130, 300 })
                foreach (int p in new[] { 1, 7, 8, 9, 17 })
                    data.Add(m, k, p);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BlockedProductEqualsTheScalarReferenceBitForBit(int m, int k, int p)
    {
        var rng = new Rng(1);
        var a = Random(rng, m * k);
        var b = Random(rng, k * p);
        var start = Random(rng, m * p);
        var fast = (double[])start.Clone();
        var reference = (double[])start.Clone();
        Gemm.MultiplyAdd(a, k, 1, b, fast, m, k, p);
        Gemm.MultiplyAddReference(a, k, 1, b, reference, m, k, p);
        Assert.Equal(reference, fast);

        // The same product with A stored transposed (read through strides).
        var aT = new double[k * m];
        for (int r = 0; r < m; r++)
            for (int i = 0; i < k; i++) aT[i * m + r] = a[r * k + i];
        var strided = (double[])start.Clone();
        Gemm.MultiplyAdd(aT, 1, m, b, strided, m, k, p);
        Assert.Equal(reference, strided);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 3)]
    [InlineData(300, 17)]
    [InlineData(1000, 100)]
    public void GramIsSymmetricAndEqualsXTransposeX(int n, int d)
    {
        var rng = new Rng(2);
        var x = Random(rng, n * d);
        var gram = new double[d * d];
        Gemm.AddGram(x, n, d, gram);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                double expected = 0;
                for (int i = 0; i < n; i++) expected = Math.FusedMultiplyAdd(x[i * d + r], x[i * d + c], expected);
                Assert.Equal(expected, gram[r * d + c]);
            }
    }

    private static double[] Random(Rng rng, int length)
    {
        var values = new double[length];
        rng.FillGaussian(values);
        return values;
    }
}
