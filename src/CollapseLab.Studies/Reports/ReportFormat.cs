using System.Globalization;

namespace CollapseLab.Reports;

/// <summary>How reports write numbers: invariant culture whatever the machine's, 4 significant digits, ±∞ as symbols.</summary>
public static class ReportFormat
{
    /// <summary>"1.234", "0.0001234", "1.234e+06", "+∞", "−∞", "NaN" (blank-free, culture-independent).</summary>
    public static string Number(double value, int significantDigits = 4)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "+∞";
        if (double.IsNegativeInfinity(value)) return "−∞";
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e6)
        {
            int decimals = Math.Max(0, significantDigits - 1 - (int)Math.Floor(Math.Log10(magnitude)));
            return Math.Round(value, Math.Min(decimals, 15)).ToString("0." + new string('#', Math.Min(decimals, 15)), CultureInfo.InvariantCulture);
        }
        return value.ToString("0." + new string('#', significantDigits - 1) + "e+00", CultureInfo.InvariantCulture);
    }

    /// <summary>An integer, invariant.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
