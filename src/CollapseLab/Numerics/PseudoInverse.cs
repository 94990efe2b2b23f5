using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace CollapseLab.Numerics;

/// <summary>Moore–Penrose pseudo-inverses of dense matrices, never forming an m × m factor.</summary>
public static class PseudoInverse
{
    /// <summary>pinv(A) for A (m, n) row-major; the result is (n, m) row-major.</summary>
    /// <remarks>
    /// For a tall A: thin Householder QR A = QR (Q is m × n), SVD of the small factor R = U S Vᵀ, and
    /// pinv(A) = V S⁺ (QU)ᵀ, with singular values at most max(m, n)·s_max·ε treated as zero (the usual rule,
    /// as in NumPy and MathNet). A wide A uses pinv(A) = pinv(Aᵀ)ᵀ. Time O(m·n·min(m, n)) and memory O(m·n);
    /// MathNet's own PseudoInverse computes the full m × m U, which for a tall design is far slower and,
    /// at m = 10⁴, needs 800 MB.
    /// </remarks>
    public static double[] Of(ReadOnlySpan<double> a, int m, int n)
    {
        if (a.Length != m * n) throw new ArgumentException($"A has {a.Length} elements, not {m}·{n}", nameof(a));
        var matrix = Matrix<double>.Build.Dense(m, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) matrix[i, j] = a[i * n + j];
        var inverse = m >= n ? OfTall(matrix) : OfTall(matrix.Transpose()).Transpose();
        return inverse.ToRowMajorArray();
    }

    private static Matrix<double> OfTall(Matrix<double> a)
    {
        var qr = a.QR(QRMethod.Thin);
        var svd = qr.R.Svd(computeVectors: true);
        var s = svd.S;
        double tolerance = Math.Max(a.RowCount, a.ColumnCount) * s.AbsoluteMaximum() * Precision.DoublePrecision;
        var vScaled = svd.VT.Transpose(); // column k becomes v_k / s_k, or 0 for a negligible s_k
        for (int k = 0; k < s.Count; k++) vScaled.SetColumn(k, vScaled.Column(k) * (s[k] > tolerance ? 1 / s[k] : 0));
        return vScaled.TransposeAndMultiply(qr.Q * svd.U);
    }
}
