using MathNet.Numerics.Distributions;

namespace CollapseLab.Reports;

/// <summary>
/// Mean over seeds of one value with its 95% confidence interval (Student t with count − 1 degrees of freedom).
/// Non-finite values are not averaged away: when any value is ±∞ or NaN, the mean is that value (NaN when they
/// disagree) and <see cref="NonFinite"/> counts them, so a singular fit shows as a gap, never as a finite number.
/// </summary>
public readonly record struct SeedSummary(int Count, int NonFinite, double Mean, double StandardDeviation, double CiLow, double CiHigh)
{
    /// <summary>Summarizes <paramref name="values"/> (one per seed).</summary>
    public static SeedSummary Of(IReadOnlyList<double> values)
    {
        int count = values.Count, nonFinite = values.Count(v => !double.IsFinite(v));
        if (count == 0) return new SeedSummary(0, 0, double.NaN, double.NaN, double.NaN, double.NaN);
        if (nonFinite > 0)
        {
            var distinct = values.Where(v => !double.IsFinite(v)).Distinct().ToArray();
            double mean = distinct.Length == 1 && !double.IsNaN(distinct[0]) ? distinct[0] : double.NaN;
            return new SeedSummary(count, nonFinite, mean, double.NaN, double.NaN, double.NaN);
        }
        double sum = 0;
        foreach (var v in values) sum += v;
        double average = sum / count;
        if (count == 1) return new SeedSummary(1, 0, average, double.NaN, double.NaN, double.NaN);
        double squares = 0;
        foreach (var v in values) squares += (v - average) * (v - average);
        double sd = Math.Sqrt(squares / (count - 1));
        double half = TQuantile975(count - 1) * sd / Math.Sqrt(count);
        return new SeedSummary(count, 0, average, sd, average - half, average + half);
    }

    /// <summary>The 97.5% quantile of Student's t with <paramref name="degreesOfFreedom"/> (12.706 for 1, 1.984 for 100).</summary>
    public static double TQuantile975(int degreesOfFreedom) => StudentT.InvCDF(0, 1, degreesOfFreedom, 0.975);
}
