using System.Globalization;

namespace CollapseLab.Reports.Figures;

/// <summary>A tick: its position in plot coordinates and its label (empty for a minor tick).</summary>
internal readonly record struct AxisTick(double Position, string Label, bool IsMajor);

/// <summary>
/// Tick positions and invariant-culture labels, computed here rather than by ScottPlot so that labels never follow the
/// machine's culture, their widths can be measured before layout, and a log axis (which ScottPlot 5 lacks) can be
/// drawn: log-scaled data are plotted as log10 values, with ticks at 1, 2, …, 9 × 10^k labelled in the original units.
/// </summary>
internal static class AxisTicks
{
    /// <summary>About 5 round ticks (1, 2, 2.5 or 5 × 10^k apart) covering [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static IReadOnlyList<AxisTick> Linear(double low, double high, bool integersOnly = false)
    {
        double step = NiceStep((high - low) / 5);
        if (integersOnly) step = Math.Max(1, Math.Round(step));
        int decimals = integersOnly ? 0 : Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9) + (IsTwoAndAHalf(step) ? 1 : 0));
        bool scientific = Math.Max(Math.Abs(low), Math.Abs(high)) >= 1e6;
        var ticks = new List<AxisTick>();
        for (double k = Math.Ceiling(low / step - 1e-9); k * step <= high + step * 1e-9; k++)
        {
            double position = k * step;
            if (Math.Abs(position) < step * 1e-9) position = 0;
            string label = scientific ? position.ToString("0.##e+0", CultureInfo.InvariantCulture)
                : position.ToString("F" + decimals, CultureInfo.InvariantCulture);
            ticks.Add(new AxisTick(position, label, true));
        }
        return ticks;
    }

    /// <summary>
    /// Ticks for an axis showing log10 values from <paramref name="log10Low"/> to <paramref name="log10High"/>:
    /// majors at powers of ten, minors at 2..9 × 10^k. When fewer than three powers are in view, 2× and 5× multiples
    /// are labelled too (and then every multiple); when more than <see cref="MaxLogLabels"/> are, only every 2nd, 5th,
    /// 10th… power is labelled and the others become the minor ticks.
    /// </summary>
    public static IReadOnlyList<AxisTick> Log10(double log10Low, double log10High)
    {
        int firstDecade = (int)Math.Floor(log10Low), lastDecade = (int)Math.Ceiling(log10High);
        bool InView(double log) => log >= log10Low - 1e-9 && log <= log10High + 1e-9;
        var decades = Enumerable.Range(firstDecade, lastDecade - firstDecade + 1).ToArray();
        int powersInView = decades.Count(k => InView(k));
        var ticks = new List<AxisTick>();
        if (powersInView > MaxLogLabels)
        {
            int stride = new[] { 2, 5, 10, 20, 50, 100, 200, 500 }.First(s => powersInView / s < MaxLogLabels);
            foreach (int k in decades.Where(k => InView(k)))
                ticks.Add(k % stride == 0 ? new AxisTick(k, LogLabel(1, k), true) : new AxisTick(k, "", false));
            return ticks;
        }
        int CountInView(int[] multiples) => decades.Sum(k => multiples.Count(m => InView(k + Math.Log10(m))));
        int[] labelled = powersInView >= 3 ? [1] : CountInView([1, 2, 5]) >= 2 ? [1, 2, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
        foreach (int k in decades)
            for (int m = 1; m <= 9; m++)
            {
                double log = k + Math.Log10(m);
                if (!InView(log)) continue;
                bool major = labelled.Contains(m);
                ticks.Add(new AxisTick(log, major ? LogLabel(m, k) : "", major));
            }
        return ticks;
    }

    /// <summary>
    /// Ticks for a non-negative symlog axis (<see cref="XAxisScale.SymLog"/>) showing positions <paramref name="low"/> to
    /// <paramref name="high"/>: 0 and the powers of ten labelled, minors at 0.5 and 2..9 × 10^k; labels thinned as on a
    /// log axis when more than <see cref="MaxLogLabels"/> powers are in view.
    /// </summary>
    public static IReadOnlyList<AxisTick> SymLog(double low, double high)
    {
        bool InView(double position) => position >= low - 1e-9 && position <= high + 1e-9;
        var ticks = new List<AxisTick>();
        if (InView(0)) ticks.Add(new AxisTick(0, "0", true));
        if (InView(0.5)) ticks.Add(new AxisTick(0.5, "", false));
        int lastDecade = (int)Math.Ceiling(high - 1);
        int powers = Enumerable.Range(0, Math.Max(0, lastDecade + 1)).Count(k => InView(1 + k));
        int stride = powers > MaxLogLabels ? new[] { 2, 5, 10, 20, 50 }.First(s => powers / s < MaxLogLabels) : 1;
        for (int k = 0; k <= lastDecade; k++)
            for (int m = 1; m <= 9; m++)
            {
                double position = 1 + k + Math.Log10(m);
                if (!InView(position)) continue;
                bool major = m == 1 && k % stride == 0;
                ticks.Add(new AxisTick(position, major ? LogLabel(1, k) : "", major));
            }
        return ticks;
    }

    /// <summary>Most labelled powers of ten on a log axis before labels are thinned.</summary>
    public const int MaxLogLabels = 7;

    /// <summary>m × 10^k as "0.02", "500" for 10^−3 ≤ value &lt; 10^5, else "10⁻⁵" or "2×10⁶".</summary>
    public static string LogLabel(int mantissa, int exponent)
    {
        if (exponent >= -3 && exponent <= 4)
        {
            decimal value = mantissa * (exponent >= 0 ? Pow10(exponent) : 1m / Pow10(-exponent));
            return value.ToString("0.###", CultureInfo.InvariantCulture);
        }
        string power = "10" + Superscript(exponent);
        return mantissa == 1 ? power : $"{mantissa}×{power}";
    }

    private static decimal Pow10(int k)
    {
        decimal p = 1;
        for (int i = 0; i < k; i++) p *= 10;
        return p;
    }

    private static string Superscript(int value) =>
        string.Concat(value.ToString(CultureInfo.InvariantCulture).Select(c => c switch
        {
            '-' => '⁻', '0' => '⁰', '1' => '¹', '2' => '²', '3' => '³', '4' => '⁴',
            '5' => '⁵', '6' => '⁶', '7' => '⁷', '8' => '⁸', _ => '⁹',
        }));

    private static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw)) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static bool IsTwoAndAHalf(double step)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
        return Math.Abs(step / power - 2.5) < 1e-6;
    }
}
