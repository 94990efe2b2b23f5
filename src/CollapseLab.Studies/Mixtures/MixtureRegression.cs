using MathNet.Numerics.LinearAlgebra;

namespace CollapseLab.Mixtures;

/// <summary>
/// Ordinary least squares of the loss on log(num_real), log(1 + num_synthetic) and their product:
/// L = b₀ + b₁·log r + b₂·log(1 + s) + b₃·log r·log(1 + s). Standard errors are the classical ones,
/// σ̂²·(XᵀX)⁻¹ with σ̂² = RSS / (N − 4). If loss depended on the proportion r / (r + s) alone, b₁ and b₂ would
/// be of opposite sign and similar size and the interaction small; a b₂ that changes sign along log r (b₃ ≠ 0)
/// is the "synthetic data help when real data are scarce, hurt when plentiful" pattern.
/// </summary>
/// <param name="Coefficients">b₀ … b₃ in the order of <see cref="Terms"/>.</param>
/// <param name="StandardErrors">Standard errors of the coefficients.</param>
/// <param name="RSquared">1 − RSS / TSS.</param>
/// <param name="Observations">Points fitted (num_real ≥ 1, finite loss).</param>
public sealed record MixtureRegression(IReadOnlyList<double> Coefficients, IReadOnlyList<double> StandardErrors, double RSquared, int Observations)
{
    /// <summary>The regressors' names, in coefficient order.</summary>
    public static IReadOnlyList<string> Terms { get; } = ["intercept", "log(num_real)", "log(1 + num_synthetic)", "log(num_real) · log(1 + num_synthetic)"];

    /// <summary>
    /// The fit of <paramref name="points"/> (num_real, num_synthetic, loss); points with num_real &lt; 1 or a non-finite
    /// loss are left out. Null when fewer than 5 points remain or the design is singular (fewer than two num_real or num_synthetic values).
    /// </summary>
    public static MixtureRegression? Fit(IEnumerable<(int Real, int Synthetic, double Loss)> points)
    {
        var used = points.Where(p => p.Real >= 1 && double.IsFinite(p.Loss)).ToArray();
        const int terms = 4;
        if (used.Length <= terms) return null;
        var x = Matrix<double>.Build.Dense(used.Length, terms, (i, j) =>
        {
            double r = Math.Log(used[i].Real), s = Math.Log(1.0 + used[i].Synthetic);
            return j switch { 0 => 1.0, 1 => r, 2 => s, _ => r * s };
        });
        var y = Vector<double>.Build.Dense(used.Length, i => used[i].Loss);
        // exact collinearity (a single num_real or num_synthetic value) shows in floating point only as a tiny singular value
        if (used.Select(p => p.Real).Distinct().Count() < 2 || used.Select(p => p.Synthetic).Distinct().Count() < 2 || x.Rank() < terms) return null;
        var beta = x.QR().Solve(y);
        var residuals = y - x * beta;
        double rss = residuals.DotProduct(residuals);
        double mean = y.Average();
        double tss = y.Sum(v => (v - mean) * (v - mean));
        double sigma2 = rss / (used.Length - terms);
        var covariance = x.TransposeThisAndMultiply(x).Inverse() * sigma2;
        var errors = Enumerable.Range(0, terms).Select(j => Math.Sqrt(covariance[j, j])).ToArray();
        return new MixtureRegression(beta.ToArray(), errors, tss > 0 ? 1 - rss / tss : double.NaN, used.Length);
    }

    /// <summary>The fitted loss at (<paramref name="real"/>, <paramref name="synthetic"/>).</summary>
    public double Predict(int real, int synthetic)
    {
        double r = Math.Log(real), s = Math.Log(1.0 + synthetic);
        return Coefficients[0] + Coefficients[1] * r + Coefficients[2] * s + Coefficients[3] * r * s;
    }
}
