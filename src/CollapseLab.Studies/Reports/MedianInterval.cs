using MathNet.Numerics.Distributions;

namespace CollapseLab.Reports;

/// <summary>
/// The median of per-seed values with a distribution-free 95% confidence interval from order statistics (the
/// sign-test interval: [x_(k), x_(m−k+1)] for the largest k with P(Binomial(m, ½) ≤ k − 1) ≤ 2.5%). It stays
/// honest when a few seeds explode, where a mean and a t interval are dominated by them.
/// </summary>
public readonly record struct MedianInterval(int Count, double Median, double Low, double High)
{
    /// <summary>Fewest values for which a 95% interval exists (with 5, even [min, max] covers only 93.75%).</summary>
    public const int MinimumCount = 6;

    /// <summary>No values: count 0, median and bounds NaN.</summary>
    public static MedianInterval None { get; } = new(0, double.NaN, double.NaN, double.NaN);

    /// <summary>Whether the interval exists (enough values).</summary>
    public bool HasInterval => !double.IsNaN(Low);

    /// <summary>The median and interval of <paramref name="values"/> (NaN values are not allowed).</summary>
    public static MedianInterval Of(IReadOnlyList<double> values)
    {
        int m = values.Count;
        if (m == 0) return None;
        var sorted = values.Order().ToArray();
        double median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
        if (m < MinimumCount) return new MedianInterval(m, median, double.NaN, double.NaN);
        int k = 1;
        while (Binomial.CDF(0.5, m, k) <= 0.025) k++;
        return new MedianInterval(m, median, sorted[k - 1], sorted[m - k]);
    }
}
