using CollapseLab.Parameters;

namespace CollapseLab.Tasks.Gaussian;

/// <summary>The parameters of <see cref="GaussianSetting"/>; every field has its default.</summary>
public sealed record GaussianParameters
{
    /// <summary>d, the dimension.</summary>
    public int Dim { get; init; } = 1;

    /// <summary>σ², the variance of each coordinate of the truth N(0, σ²I).</summary>
    public double Sigma2 { get; init; } = 1.0;

    /// <summary>How the covariance is fitted: divide by N (maximum likelihood) or N − 1.</summary>
    public CovarianceEstimator Estimator { get; init; } = CovarianceEstimator.Mle;

    /// <summary>τ: synthetic samples come from N(μ̂, τ·Σ̂).</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>The parameters as users write them (names, meanings, accepted values).</summary>
    public static ParameterDeclaration<GaussianParameters> Declaration { get; } = new ParameterDeclaration<GaussianParameters>("task gaussian")
        .Add("dim", "dimension d of the Gaussian", ParameterKind.Int(min: 1), p => p.Dim, (p, v) => p with { Dim = v })
        .Add("sigma2", "variance σ² of each coordinate of the true Gaussian", ParameterKind.Real(above: 0), p => p.Sigma2, (p, v) => p with { Sigma2 = v })
        .Add("estimator", "covariance estimator: mle divides by N, unbiased by N − 1",
            ParameterKind.Choice(("mle", CovarianceEstimator.Mle), ("unbiased", CovarianceEstimator.Unbiased)), p => p.Estimator, (p, v) => p with { Estimator = v })
        .Add("temperature", "sampling temperature τ: synthetic data are drawn from N(μ̂, τ·Σ̂)", ParameterKind.Real(above: 0),
            p => p.Temperature, (p, v) => p with { Temperature = v }, omitWhenDefault: true);
}
