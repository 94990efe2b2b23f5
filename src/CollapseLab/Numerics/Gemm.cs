using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CollapseLab.Numerics;

/// <summary>Dense matrix products for the hot loops (sampling and covariance), register-blocked with 256-bit vectors.</summary>
public static class Gemm
{
    /// <summary>
    /// destination (m, p) += A (m, k) · B (k, p), with B and destination row-major and A read through strides,
    /// so that Aᵀ products need no transposed copy.
    /// </summary>
    /// <param name="a">Storage of A; element (r, i) is <c>a[r * aRowStride + i * aInnerStride]</c>.</param>
    /// <param name="b">B, row-major (k, p).</param>
    /// <param name="destination">Row-major (m, p); accumulated into.</param>
    /// <remarks>
    /// Effectively computes destination[r, c] += Σ_i A[r, i]·B[i, c], summing i in increasing order with fused
    /// multiply-adds, so every element is computed the same way whatever its position (no blocking-dependent
    /// rounding). <see cref="MultiplyAddReference"/> is the scalar specification.
    /// </remarks>
    public static void MultiplyAdd(ReadOnlySpan<double> a, int aRowStride, int aInnerStride, ReadOnlySpan<double> b,
        Span<double> destination, int m, int k, int p) =>
        MultiplyAddBlocked(a, aRowStride, aInnerStride, b, destination, m, k, p, upperOnly: false);

    /// <summary>
    /// destination (d, d) += Xᵀ X for X (n, d) row-major: the centred second moment of a covariance. Only the
    /// blocks on and above the diagonal are computed; the lower triangle is mirrored, so the result is exactly symmetric.
    /// </summary>
    public static void AddGram(ReadOnlySpan<double> x, int n, int d, Span<double> destination)
    {
        MultiplyAddBlocked(x, 1, d, x, destination, d, n, d, upperOnly: true);
        for (int r = 1; r < d; r++)
            for (int c = 0; c < r; c++) destination[r * d + c] = destination[c * d + r];
    }

    private static void MultiplyAddBlocked(ReadOnlySpan<double> a, int aRowStride, int aInnerStride, ReadOnlySpan<double> b,
        Span<double> destination, int m, int k, int p, bool upperOnly)
    {
        if (b.Length < k * p) throw new ArgumentException("B is shorter than k·p", nameof(b));
        if (destination.Length < m * p) throw new ArgumentException("destination is shorter than m·p", nameof(destination));
        if (m > 0 && k > 0 && a.Length <= (m - 1) * aRowStride + (k - 1) * aInnerStride)
            throw new ArgumentException("A is too short for its strides", nameof(a));

        const int Rows = 4, Cols = 8; // 4 × 8 doubles = 8 accumulators of Vector256
        const int InnerBlock = 128;   // keeps a B panel (InnerBlock × 8 doubles) in L1
        for (int i0 = 0; i0 < k; i0 += InnerBlock)
        {
            int i1 = Math.Min(k, i0 + InnerBlock);
            int r = 0;
            for (; r + Rows <= m; r += Rows)
            {
                int c = upperOnly ? r / Cols * Cols : 0;
                for (; c + Cols <= p; c += Cols) Kernel4x8(a, aRowStride, aInnerStride, b, destination, r, c, i0, i1, p);
                for (; c < p; c++)
                    for (int rr = r; rr < r + Rows; rr++) destination[rr * p + c] = Dot(a, rr * aRowStride, aInnerStride, b, c, i0, i1, p, destination[rr * p + c]);
            }
            for (; r < m; r++)
                for (int c = 0; c < p; c++) destination[r * p + c] = Dot(a, r * aRowStride, aInnerStride, b, c, i0, i1, p, destination[r * p + c]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ReadOnlySpan<double> a, int aStart, int aInnerStride, ReadOnlySpan<double> b, int c, int i0, int i1, int p, double sum)
    {
        for (int i = i0; i < i1; i++) sum = Math.FusedMultiplyAdd(a[aStart + i * aInnerStride], b[i * p + c], sum);
        return sum;
    }

    private static void Kernel4x8(ReadOnlySpan<double> a, int rs, int ks, ReadOnlySpan<double> b, Span<double> dst, int r, int c, int i0, int i1, int p)
    {
        ref double d0 = ref dst[r * p + c];
        ref double d1 = ref dst[(r + 1) * p + c];
        ref double d2 = ref dst[(r + 2) * p + c];
        ref double d3 = ref dst[(r + 3) * p + c];
        var c00 = Vector256.LoadUnsafe(ref d0); var c01 = Vector256.LoadUnsafe(ref d0, 4);
        var c10 = Vector256.LoadUnsafe(ref d1); var c11 = Vector256.LoadUnsafe(ref d1, 4);
        var c20 = Vector256.LoadUnsafe(ref d2); var c21 = Vector256.LoadUnsafe(ref d2, 4);
        var c30 = Vector256.LoadUnsafe(ref d3); var c31 = Vector256.LoadUnsafe(ref d3, 4);
        int a0 = r * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int i = i0; i < i1; i++)
        {
            var b0 = Vector256.Create(b.Slice(i * p + c, 4));
            var b1 = Vector256.Create(b.Slice(i * p + c + 4, 4));
            int ai = i * ks;
            var x0 = Vector256.Create(a[a0 + ai]);
            var x1 = Vector256.Create(a[a1 + ai]);
            var x2 = Vector256.Create(a[a2 + ai]);
            var x3 = Vector256.Create(a[a3 + ai]);
            c00 = Vector256.FusedMultiplyAdd(x0, b0, c00); c01 = Vector256.FusedMultiplyAdd(x0, b1, c01);
            c10 = Vector256.FusedMultiplyAdd(x1, b0, c10); c11 = Vector256.FusedMultiplyAdd(x1, b1, c11);
            c20 = Vector256.FusedMultiplyAdd(x2, b0, c20); c21 = Vector256.FusedMultiplyAdd(x2, b1, c21);
            c30 = Vector256.FusedMultiplyAdd(x3, b0, c30); c31 = Vector256.FusedMultiplyAdd(x3, b1, c31);
        }
        c00.StoreUnsafe(ref d0); c01.StoreUnsafe(ref d0, 4);
        c10.StoreUnsafe(ref d1); c11.StoreUnsafe(ref d1, 4);
        c20.StoreUnsafe(ref d2); c21.StoreUnsafe(ref d2, 4);
        c30.StoreUnsafe(ref d3); c31.StoreUnsafe(ref d3, 4);
    }

    /// <summary>The scalar specification of <see cref="MultiplyAdd"/> (tests and benchmarks compare against it).</summary>
    public static void MultiplyAddReference(ReadOnlySpan<double> a, int aRowStride, int aInnerStride, ReadOnlySpan<double> b,
        Span<double> destination, int m, int k, int p)
    {
        for (int r = 0; r < m; r++)
            for (int c = 0; c < p; c++)
                destination[r * p + c] = Dot(a, r * aRowStride, aInnerStride, b, c, 0, k, p, destination[r * p + c]);
    }
}
