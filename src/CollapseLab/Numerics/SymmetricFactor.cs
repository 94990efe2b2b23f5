using MathNet.Numerics.LinearAlgebra;

namespace CollapseLab.Numerics;

/// <summary>
/// A factor F of a symmetric positive semi-definite matrix Σ = Fᵀ F (d × d, row-major), used to sample
/// x = μ + Fᵀ z and to evaluate Gaussian densities. Cholesky (F = Lᵀ) when Σ is numerically positive
/// definite; otherwise a symmetric eigendecomposition (rows of F are √λ_k v_kᵀ) with eigenvalues below
/// a relative tolerance clipped to 0, so singular covariances still sample and never give NaN.
/// </summary>
public sealed class SymmetricFactor
{
    /// <summary>Relative size (to the largest diagonal element or eigenvalue) below which Σ counts as singular.</summary>
    public const double RelativeTolerance = 1e-12;

    /// <summary>F, row-major (d, d), Σ = Fᵀ F.</summary>
    public double[] Factor { get; }

    public int Dim { get; }

    /// <summary>True when Σ has a (numerically) zero eigenvalue; then log det Σ = −∞ and densities do not exist.</summary>
    public bool IsSingular { get; }

    /// <summary>log det Σ (−∞ when singular).</summary>
    public double LogDeterminant { get; }

    private readonly bool _triangular;
    private readonly double[] _eigenvalues = [];

    private SymmetricFactor(double[] factor, int dim, bool triangular, bool singular, double logDet, double[] eigenvalues)
    {
        Factor = factor;
        Dim = dim;
        _triangular = triangular;
        IsSingular = singular;
        LogDeterminant = logDet;
        _eigenvalues = eigenvalues;
    }

    /// <summary>Factors the symmetric matrix <paramref name="sigma"/> (row-major, d × d).</summary>
    public static SymmetricFactor Of(ReadOnlySpan<double> sigma, int d)
    {
        double maxDiagonal = 0;
        for (int j = 0; j < d; j++) maxDiagonal = Math.Max(maxDiagonal, sigma[j * d + j]);
        if (maxDiagonal <= 0) return new SymmetricFactor(new double[d * d], d, true, true, double.NegativeInfinity, new double[d]);
        return TryCholesky(sigma, d, maxDiagonal * RelativeTolerance) ?? Eigen(sigma, d);
    }

    private static SymmetricFactor? TryCholesky(ReadOnlySpan<double> sigma, int d, double minPivot)
    {
        var upper = new double[d * d]; // F = Lᵀ: upper[k, j] = L[j, k]
        double logDet = 0;
        for (int j = 0; j < d; j++)
        {
            double pivot = sigma[j * d + j];
            for (int k = 0; k < j; k++) pivot -= upper[k * d + j] * upper[k * d + j];
            if (!(pivot > minPivot)) return null;
            double ljj = Math.Sqrt(pivot);
            upper[j * d + j] = ljj;
            logDet += 2 * Math.Log(ljj);
            for (int i = j + 1; i < d; i++)
            {
                double s = sigma[i * d + j];
                for (int k = 0; k < j; k++) s -= upper[k * d + i] * upper[k * d + j];
                upper[j * d + i] = s / ljj;
            }
        }
        return new SymmetricFactor(upper, d, true, false, logDet, []);
    }

    private static SymmetricFactor Eigen(ReadOnlySpan<double> sigma, int d)
    {
        var matrix = Matrix<double>.Build.Dense(d, d);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) matrix[i, j] = 0.5 * (sigma[i * d + j] + sigma[j * d + i]);
        var evd = matrix.Evd(Symmetricity.Symmetric);
        var values = new double[d];
        for (int k = 0; k < d; k++) values[k] = evd.EigenValues[k].Real;
        double cutoff = values.Max() * RelativeTolerance;
        var factor = new double[d * d];
        bool singular = false;
        double logDet = 0;
        for (int k = 0; k < d; k++)
        {
            if (values[k] <= cutoff)
            {
                values[k] = 0;
                singular = true;
                continue;
            }
            logDet += Math.Log(values[k]);
            double scale = Math.Sqrt(values[k]);
            for (int j = 0; j < d; j++) factor[k * d + j] = scale * evd.EigenVectors[j, k];
        }
        return new SymmetricFactor(factor, d, false, singular, singular ? double.NegativeInfinity : logDet, values);
    }

    /// <summary>
    /// A whitening matrix W (d × d, row-major) with (x − μ)ᵀ Σ⁺ (x − μ) = ‖(x − μ)ᵀ W‖², so the Mahalanobis
    /// distances of many points are one matrix product. Σ⁺ is the inverse, or for a singular Σ the
    /// pseudo-inverse (distances within Σ's support).
    /// </summary>
    /// <remarks>Cholesky: W = F⁻¹ = L⁻ᵀ (upper triangular, by back substitution). Eigen: W[j, k] = v_k[j] / √λ_k = F[k, j] / λ_k, 0 where λ_k = 0.</remarks>
    public double[] Whitening()
    {
        int d = Dim;
        var w = new double[d * d];
        if (!_triangular)
        {
            for (int k = 0; k < d; k++)
                if (_eigenvalues[k] > 0)
                    for (int j = 0; j < d; j++) w[j * d + k] = Factor[k * d + j] / _eigenvalues[k];
            return w;
        }
        // Solve F W = I column by column; F is upper triangular.
        for (int c = 0; c < d; c++)
        {
            for (int r = c; r >= 0; r--)
            {
                double s = r == c ? 1.0 : 0.0;
                for (int k = r + 1; k <= c; k++) s -= Factor[r * d + k] * w[k * d + c];
                w[r * d + c] = s / Factor[r * d + r];
            }
        }
        return w;
    }
}
