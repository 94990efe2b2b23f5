using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace CollapseLab.Numerics;

/// <summary>
/// A factor F of a symmetric positive semi-definite matrix Σ = Fᵀ F (d × d, row-major), used to sample
/// x = μ + Fᵀ z and to evaluate Gaussian densities. Cholesky (F = Lᵀ, upper triangular) when every pivot stays
/// above the numerical-rank tolerance; otherwise Cholesky with diagonal pivoting, which stops at the numerical rank r
/// (rows r.. of F are 0), so singular covariances still sample and never give NaN.
/// </summary>
/// <remarks>
/// The tolerance is numpy's for <c>matrix_rank</c>, S.max()·max(M, N)·ε, with the largest diagonal element in place of
/// the largest singular value (within a factor d of it; ε = 2⁻⁵², double precision's machine epsilon): a pivot at or
/// below it is rounding noise of the larger ones. A fixed cut such as 1e-12 declared singular, for good, covariances
/// with condition numbers of 1e12 to 1e15 that numpy still samples and measures as full rank.
/// </remarks>
public sealed class SymmetricFactor
{
    /// <summary>The pivot at or below which a d × d matrix with largest diagonal element <paramref name="maxDiagonal"/> counts as singular.</summary>
    public static double Tolerance(double maxDiagonal, int d) => maxDiagonal * d * MachineEpsilon;

    /// <summary>2⁻⁵², the spacing of doubles at 1 (numpy's <c>finfo(float64).eps</c>; not <see cref="double.Epsilon"/>).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>F, row-major (d, d), Σ = Fᵀ F.</summary>
    public double[] Factor { get; }

    /// <summary>d, the order of Σ and F.</summary>
    public int Dim { get; }

    /// <summary>True when Σ has a (numerically) zero eigenvalue; then log det Σ = −∞ and densities do not exist.</summary>
    public bool IsSingular { get; }

    /// <summary>log det Σ (−∞ when singular).</summary>
    public double LogDeterminant { get; }

    private readonly bool _triangular;
    private readonly double[] _sigma;

    private SymmetricFactor(double[] factor, int dim, bool triangular, bool singular, double logDet, double[] sigma)
    {
        Factor = factor;
        Dim = dim;
        _triangular = triangular;
        IsSingular = singular;
        LogDeterminant = logDet;
        _sigma = sigma;
    }

    /// <summary>Factors the symmetric matrix <paramref name="sigma"/> (row-major, d × d).</summary>
    public static SymmetricFactor Of(ReadOnlySpan<double> sigma, int d)
    {
        double maxDiagonal = 0;
        for (int j = 0; j < d; j++) maxDiagonal = Math.Max(maxDiagonal, sigma[j * d + j]);
        var factor = new double[d * d];
        if (maxDiagonal <= 0) return new SymmetricFactor(factor, d, true, true, double.NegativeInfinity, sigma.ToArray());
        int rank = Cholesky(sigma, d, Tolerance(maxDiagonal, d), factor, out bool triangular, out double logDet);
        return new SymmetricFactor(factor, d, triangular, rank < d, rank < d ? double.NegativeInfinity : logDet,
            triangular ? [] : sigma.ToArray());
    }

    /// <summary>
    /// Left-looking Cholesky by rows: step k takes pivot q and sets row k of F to
    /// (Σ[q, ·] − Σ_{l&lt;k} F[l, q]·F[l, ·]) / √pivot, so every update is a contiguous vector operation. q = k while
    /// those pivots stay above <paramref name="minPivot"/> (F upper triangular); from the first that does not, q is
    /// the largest remaining diagonal of the Schur complement (the rows so far stay valid), until that too is at or
    /// below <paramref name="minPivot"/>.
    /// </summary>
    /// <returns>The number of rows of F computed: d, or the numerical rank.</returns>
    private static int Cholesky(ReadOnlySpan<double> sigma, int d, double minPivot, Span<double> factor, out bool triangular, out double logDet)
    {
        var schurDiagonal = new double[d];
        var done = new bool[d];
        for (int j = 0; j < d; j++) schurDiagonal[j] = sigma[j * d + j];
        triangular = true;
        logDet = 0;
        for (int k = 0; k < d; k++)
        {
            int q = k;
            if (!triangular || !(schurDiagonal[k] > minPivot))
            {
                triangular = false;
                q = -1;
                for (int j = 0; j < d; j++)
                    if (!done[j] && (q < 0 || schurDiagonal[j] > schurDiagonal[q])) q = j;
            }
            double pivot = schurDiagonal[q];
            if (!(pivot > minPivot)) return k;
            // While triangular only columns k.. are nonzero; pivoted rows need all of them.
            int from = triangular ? k : 0;
            var row = factor.Slice(k * d + from, d - from);
            sigma.Slice(q * d + from, d - from).CopyTo(row);
            for (int l = 0; l < k; l++) SubtractScaled(row, factor[l * d + q], factor.Slice(l * d + from, d - from));
            double root = Math.Sqrt(pivot);
            TensorPrimitives.Divide(row, root, row);
            logDet += 2 * Math.Log(root);
            done[q] = true;
            for (int j = from; j < d; j++)
            {
                if (done[j]) factor[k * d + j] = 0;
                else schurDiagonal[j] -= factor[k * d + j] * factor[k * d + j];
            }
            factor[k * d + q] = root;
        }
        return d;
    }

    /// <summary>target −= scale·x element by element, a product then a difference (no fused multiply-add, so the
    /// result is the same whether or not the hardware has vectors).</summary>
    private static void SubtractScaled(Span<double> target, double scale, ReadOnlySpan<double> x)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(scale);
            for (; i + 4 <= target.Length; i += 4)
                (Vector256.Create(target.Slice(i, 4)) - s * Vector256.Create(x.Slice(i, 4))).CopyTo(target.Slice(i, 4));
        }
        for (; i < target.Length; i++) target[i] -= scale * x[i];
    }

    /// <summary>
    /// A whitening matrix W (d × d, row-major) with (x − μ)ᵀ Σ⁺ (x − μ) = ‖(x − μ)ᵀ W‖², so the Mahalanobis
    /// distances of many points are one matrix product. Σ⁺ is the inverse, or for a singular Σ the
    /// pseudo-inverse (distances within Σ's support).
    /// </summary>
    /// <remarks>
    /// Triangular F: W = F⁻¹, upper triangular, by back substitution row by row. Pivoted F: W = Σ⁺ Fᵀ, for which
    /// W Wᵀ = Σ⁺ Σ Σ⁺ = Σ⁺.
    /// </remarks>
    public double[] Whitening()
    {
        int d = Dim;
        var w = new double[d * d];
        if (!_triangular)
        {
            var pinv = PseudoInverse.Of(_sigma, d, d);
            Gemm.MultiplyAdd(pinv, d, 1, Transpose(Factor, d), w, d, d, d);
            return w;
        }
        // Row r of W = (e_r − Σ_{k>r} F[r, k]·W[k, ·]) / F[r, r]; W[k, ·] is 0 left of k.
        for (int r = d - 1; r >= 0; r--)
        {
            var row = w.AsSpan(r * d + r, d - r);
            row[0] = 1;
            for (int k = r + 1; k < d; k++) SubtractScaled(row[(k - r)..], Factor[r * d + k], w.AsSpan(k * d + k, d - k));
            TensorPrimitives.Divide(row, Factor[r * d + r], row);
        }
        return w;
    }

    private static double[] Transpose(double[] matrix, int d)
    {
        var transposed = new double[d * d];
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++) transposed[c * d + r] = matrix[r * d + c];
        return transposed;
    }
}
