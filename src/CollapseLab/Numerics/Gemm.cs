using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CollapseLab.Numerics;

/// <summary>Dense matrix products for the hot loops (sampling and covariance), register-blocked with 256-bit vectors over packed panels of B.</summary>
public static class Gemm
{
    /// <summary>
    /// destination (m, p) += A (m, k) · B (k, p), with B and destination row-major and A read through strides,
    /// so that Aᵀ products need no transposed copy.
    /// </summary>
    /// <param name="a">Storage of A; element (r, i) is <c>a[r * aRowStride + i * aInnerStride]</c>.</param>
    /// <param name="aRowStride">Distance in <paramref name="a"/> from A[r, i] to A[r + 1, i].</param>
    /// <param name="aInnerStride">Distance in <paramref name="a"/> from A[r, i] to A[r, i + 1].</param>
    /// <param name="b">B, row-major (k, p).</param>
    /// <param name="destination">Row-major (m, p); accumulated into.</param>
    /// <param name="m">Rows of A and of destination.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="p">Columns of B and of destination.</param>
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

    private const int Rows = 4, Cols = 8; // a 4 × 8 block of the destination = 8 accumulators of Vector256
    private const int InnerBlock = 128;   // a packed B panel (InnerBlock × 8 doubles, 8 KB) stays in L1

    private static void MultiplyAddBlocked(ReadOnlySpan<double> a, int aRowStride, int aInnerStride, ReadOnlySpan<double> b,
        Span<double> destination, int m, int k, int p, bool upperOnly)
    {
        if (b.Length < k * p) throw new ArgumentException("B is shorter than k·p", nameof(b));
        if (destination.Length < m * p) throw new ArgumentException("destination is shorter than m·p", nameof(destination));
        if (m > 0 && k > 0 && a.Length <= (m - 1) * aRowStride + (k - 1) * aInnerStride)
            throw new ArgumentException("A is too short for its strides", nameof(a));
        if (m == 0 || k == 0 || p == 0) return;

        // B is packed into zero-padded column panels and ragged edges of A and the destination go through
        // zero-padded scratch blocks, so one vector kernel computes every element (padding only adds 0·x to
        // scratch). Scratch is rented: these products run every iteration and would otherwise churn the heap.
        int panels = (p + Cols - 1) / Cols;
        int panelStride = InnerBlock * Cols;
        var packed = ArrayPool<double>.Shared.Rent(panels * panelStride + Rows * InnerBlock + Rows * Cols);
        var panelsSpan = packed.AsSpan(0, panels * panelStride);
        var edgeRows = packed.AsSpan(panels * panelStride, Rows * InnerBlock);
        var edgeBlock = packed.AsSpan(panels * panelStride + Rows * InnerBlock, Rows * Cols);
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double dRef = ref MemoryMarshal.GetReference(destination);
        for (int i0 = 0; i0 < k; i0 += InnerBlock)
        {
            int depth = Math.Min(k, i0 + InnerBlock) - i0;
            PackPanels(b, p, i0, depth, panelsSpan);
            for (int r = 0; r < m; r += Rows)
            {
                int rows = Math.Min(Rows, m - r);
                ref double aBlock = ref Unsafe.Add(ref aRef, r * aRowStride + i0 * aInnerStride);
                int rs = aRowStride, ks = aInnerStride;
                if (rows < Rows)
                {
                    edgeRows.Clear();
                    for (int rr = 0; rr < rows; rr++)
                        for (int i = 0; i < depth; i++) edgeRows[rr * depth + i] = Unsafe.Add(ref aBlock, rr * aRowStride + i * aInnerStride);
                    aBlock = ref MemoryMarshal.GetReference(edgeRows);
                    (rs, ks) = (depth, 1);
                }
                for (int panel = upperOnly ? r / Cols : 0; panel < panels; panel++)
                {
                    int c = panel * Cols, cols = Math.Min(Cols, p - c);
                    ref double bPanel = ref panelsSpan[panel * panelStride];
                    if (rows == Rows && cols == Cols)
                    {
                        Kernel4x8(ref aBlock, rs, ks, ref bPanel, ref Unsafe.Add(ref dRef, r * p + c), p, depth);
                        continue;
                    }
                    edgeBlock.Clear();
                    for (int rr = 0; rr < rows; rr++)
                        for (int cc = 0; cc < cols; cc++) edgeBlock[rr * Cols + cc] = destination[(r + rr) * p + c + cc];
                    Kernel4x8(ref aBlock, rs, ks, ref bPanel, ref MemoryMarshal.GetReference(edgeBlock), Cols, depth);
                    for (int rr = 0; rr < rows; rr++)
                        for (int cc = 0; cc < cols; cc++) destination[(r + rr) * p + c + cc] = edgeBlock[rr * Cols + cc];
                }
            }
        }
        ArrayPool<double>.Shared.Return(packed);
    }

    /// <summary>Copies rows [i0, i0 + depth) of B into panels of 8 columns (depth × 8, row-major), zero past column p.</summary>
    private static void PackPanels(ReadOnlySpan<double> b, int p, int i0, int depth, Span<double> panels)
    {
        int panelStride = InnerBlock * Cols;
        for (int c = 0, panel = 0; c < p; c += Cols, panel++)
        {
            int cols = Math.Min(Cols, p - c);
            var target = panels.Slice(panel * panelStride, depth * Cols);
            if (cols < Cols) target.Clear();
            for (int i = 0; i < depth; i++) b.Slice((i0 + i) * p + c, cols).CopyTo(target.Slice(i * Cols, cols));
        }
    }

    /// <summary>dst (4 × 8, row stride dstStride) += A (4 × depth, strides rs, ks) · panel (depth × 8), FMA in order of i.</summary>
    private static void Kernel4x8(ref double a, int rs, int ks, ref double panel, ref double dst, int dstStride, int depth)
    {
        ref double d0 = ref dst;
        ref double d1 = ref Unsafe.Add(ref dst, dstStride);
        ref double d2 = ref Unsafe.Add(ref dst, 2 * dstStride);
        ref double d3 = ref Unsafe.Add(ref dst, 3 * dstStride);
        var c00 = Vector256.LoadUnsafe(ref d0); var c01 = Vector256.LoadUnsafe(ref d0, 4);
        var c10 = Vector256.LoadUnsafe(ref d1); var c11 = Vector256.LoadUnsafe(ref d1, 4);
        var c20 = Vector256.LoadUnsafe(ref d2); var c21 = Vector256.LoadUnsafe(ref d2, 4);
        var c30 = Vector256.LoadUnsafe(ref d3); var c31 = Vector256.LoadUnsafe(ref d3, 4);
        ref double a0 = ref a;
        ref double a1 = ref Unsafe.Add(ref a, rs);
        ref double a2 = ref Unsafe.Add(ref a, 2 * rs);
        ref double a3 = ref Unsafe.Add(ref a, 3 * rs);
        for (int i = 0; i < depth; i++)
        {
            var b0 = Vector256.LoadUnsafe(ref panel, (nuint)(i * Cols));
            var b1 = Vector256.LoadUnsafe(ref panel, (nuint)(i * Cols + 4));
            int ai = i * ks;
            var x0 = Vector256.Create(Unsafe.Add(ref a0, ai));
            var x1 = Vector256.Create(Unsafe.Add(ref a1, ai));
            var x2 = Vector256.Create(Unsafe.Add(ref a2, ai));
            var x3 = Vector256.Create(Unsafe.Add(ref a3, ai));
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
            {
                double sum = destination[r * p + c];
                for (int i = 0; i < k; i++) sum = Math.FusedMultiplyAdd(a[r * aRowStride + i * aInnerStride], b[i * p + c], sum);
                destination[r * p + c] = sum;
            }
    }
}
