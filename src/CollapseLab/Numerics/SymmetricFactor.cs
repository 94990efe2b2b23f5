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
    /// (x − μ)ᵀ Σ⁻¹ (x − μ) for one point; requires a non-singular Σ.
    /// </summary>
    /// <param name="centered">x − μ, length d.</param>
    /// <param name="scratch">Working space, length d.</param>
    public double Mahalanobis(ReadOnlySpan<double> centered, Span<double> scratch)
    {
        if (IsSingular) throw new InvalidOperationException("a singular covariance has no inverse");
        int d = Dim;
        double sum = 0;
        if (_triangular)
        {
            // Solve L y = x − μ by forward substitution, with L[j, k] = F[k, j].
            for (int j = 0; j < d; j++)
            {
                double s = centered[j];
                for (int k = 0; k < j; k++) s -= Factor[k * d + j] * scratch[k];
                double y = s / Factor[j * d + j];
                scratch[j] = y;
                sum += y * y;
            }
            return sum;
        }
        for (int k = 0; k < d; k++)
        {
            // (v_kᵀ (x − μ))² / λ_k with F[k, :] = √λ_k v_kᵀ.
            double projection = 0;
            for (int j = 0; j < d; j++) projection += Factor[k * d + j] * centered[j];
            sum += projection * projection / (_eigenvalues[k] * _eigenvalues[k]);
        }
        return sum;
    }
}
