namespace CollapseLab.Tasks.Kde;

/// <summary>How the kernel bandwidth h is chosen.</summary>
public enum BandwidthRule
{
    /// <summary>A fixed number.</summary>
    Fixed,
    /// <summary>Scott's rule as in scikit-learn: h = N^(−1/(d+4)).</summary>
    Scott,
    /// <summary>Silverman's rule as in scikit-learn: h = (N(d+2)/4)^(−1/(d+4)).</summary>
    Silverman,
}
