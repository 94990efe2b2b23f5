namespace CollapseLab.Tasks.Gaussian;

/// <summary>How the covariance is estimated from N samples.</summary>
public enum CovarianceEstimator
{
    /// <summary>Maximum likelihood: M2 / N (the default).</summary>
    Mle,
    /// <summary>Unbiased: M2 / (N − 1).</summary>
    Unbiased,
}
