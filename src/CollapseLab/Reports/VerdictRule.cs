using System.Globalization;

namespace CollapseLab.Reports;

/// <summary>
/// The collapse verdict rule, applied to one group's loss. For a metric where lower is worse (entropy) "worse" means
/// lower and every sign below flips.
/// <list type="number">
/// <item>Per seed: the change Δ = L_T − L_1 between the first and last iteration, and the least-squares slope of the
/// loss over the last ⌊T/2⌋ iterations (t_h = T − ⌊T/2⌋ + 1 to T, first iteration 1). The group's slope b and
/// change Δ are the medians over seeds, each with a distribution-free 95% interval (<see cref="MedianInterval"/>):
/// medians, because a few exploding seeds dominate a mean.</item>
/// <item>A change is material when it exceeds τ = 5% of |median L_1|.</item>
/// <item><c>diverging</c>: the loss became +∞ in some run (finite at t = 1), or b's interval lies above 0 and the
/// rise it implies over the last half, b·(T − t_h), is material.</item>
/// <item><c>plateauing</c>: not diverging, but Δ's interval lies above 0 and Δ is material.</item>
/// <item><c>improving</c>: Δ's interval lies below 0 and −Δ is material.</item>
/// <item><c>stable</c>: otherwise.</item>
/// <item><c>undetermined</c>: fewer than 6 seeds or 4 iterations, a loss not finite at t = 1, or a NaN.</item>
/// </list>
/// </summary>
public static class VerdictRule
{
    /// <summary>τ as a fraction of |median L_1|.</summary>
    public const double MaterialFraction = 0.05;

    public const int MinimumIterations = 4;

    /// <summary>The rule in words, as the report prints it.</summary>
    public static string Description { get; } =
        "Per group of runs that differ only in their seed (first iteration 1, last T): per seed, the change Δ = L_T − L_1 of the loss and its " +
        "least-squares slope over the last ⌊T/2⌋ iterations (from t_h = T − ⌊T/2⌋ + 1). The group's slope b and change Δ are the medians over " +
        "seeds, each with a distribution-free 95% confidence interval (order statistics, the sign-test interval); medians, because a few exploding " +
        $"seeds dominate a mean. A change is material when it exceeds τ = {MaterialFraction.ToString("P0", CultureInfo.InvariantCulture)} of |median L_1|. " +
        "diverging: b's interval lies entirely above 0 and the rise it implies over the last half, b·(T − t_h), is material, or the loss became +∞ in some run. " +
        "plateauing: not diverging, but Δ's interval lies above 0 and Δ is material (it rose, and no longer rises materially). " +
        "improving: Δ's interval lies below 0 and −Δ is material. stable: otherwise (no significant, material change). " +
        $"undetermined: fewer than {MedianInterval.MinimumCount} seeds or {MinimumIterations} iterations, a loss that is not finite at the first iteration, or a NaN. " +
        "For a metric where lower is worse (entropy) the signs flip. The first and last columns are means over seeds, as in the figures.";

    /// <summary>Applies the rule to <paramref name="metric"/> of <paramref name="group"/>.</summary>
    public static GroupVerdict Evaluate(RunGroup group, string metric)
    {
        double sign = MetricInfo.Of(metric).HigherIsWorse ? 1 : -1;
        var trajectories = group.Runs.Select(r => group.Trajectory(r, metric)).Where(t => t.Count > 0).ToArray();
        int seeds = trajectories.Length;
        int first = seeds == 0 ? 0 : trajectories.Min(t => t.Keys.First());
        int last = seeds == 0 ? 0 : trajectories.Max(t => t.Keys.Last());
        // the last half: for first = 1 and T = 100, iterations 51..100; for T = 5, 4..5
        int slopeFrom = last - (last - first + 1) / 2 + 1;
        double firstMean = SeedSummary.Of(trajectories.Where(t => t.ContainsKey(first)).Select(t => t[first]).ToArray()).Mean;
        double lastMean = SeedSummary.Of(trajectories.Where(t => t.ContainsKey(last)).Select(t => t[last]).ToArray()).Mean;

        GroupVerdict Result(MedianInterval slope, MedianInterval change, double tolerance, Verdict verdict, string reason) =>
            new(group, metric, seeds, first, last, firstMean, lastMean, firstMean == 0 ? double.NaN : lastMean / firstMean,
                slopeFrom, slope, change, tolerance, verdict, reason);
        GroupVerdict Undetermined(string reason) => Result(MedianInterval.None, MedianInterval.None, double.NaN, Verdict.Undetermined, reason);

        if (seeds < MedianInterval.MinimumCount)
            return Undetermined($"{seeds} seed(s): at least {MedianInterval.MinimumCount} are needed for a 95% interval");
        if (last - first + 1 < MinimumIterations)
            return Undetermined($"{last - first + 1} iteration(s): at least {MinimumIterations} are needed");
        var firstValues = trajectories.Where(t => t.ContainsKey(first)).Select(t => t[first]).ToArray();
        int nonFiniteFirst = firstValues.Count(v => !double.IsFinite(v));
        if (nonFiniteFirst > 0)
            return Undetermined($"the loss is not finite at t = {first} in {nonFiniteFirst} of {firstValues.Length} runs");
        if (trajectories.Any(t => t.Values.Any(double.IsNaN)))
            return Undetermined("the loss is NaN in some run");
        double tolerance = MaterialFraction * Math.Abs(MedianInterval.Of(firstValues).Median);
        int blownUp = trajectories.Count(t => t.Values.Any(v => double.IsInfinity(v) && sign * v > 0));
        if (blownUp > 0)
            return Result(MedianInterval.None, MedianInterval.None, tolerance, Verdict.Diverging,
                $"the loss became {(sign > 0 ? "+∞" : "−∞")} in {blownUp} of {seeds} runs");
        if (trajectories.Any(t => t.Values.Any(double.IsInfinity)))
            return Undetermined("the loss became infinite in the better direction in some run");

        var slope = MedianInterval.Of(trajectories.Select(t => Slope(t, slopeFrom, last)).Where(double.IsFinite).ToArray());
        var change = MedianInterval.Of(trajectories.Where(t => t.ContainsKey(first) && t.ContainsKey(last)).Select(t => t[last] - t[first]).ToArray());
        if (!slope.HasInterval || !change.HasInterval)
            return Result(slope, change, tolerance, Verdict.Undetermined, $"fewer than {MedianInterval.MinimumCount} runs reached the last iterations");

        string N(double v) => ReportFormat.Number(v, 3);
        string slopeText = $"median slope {N(slope.Median)} [{N(slope.Low)}, {N(slope.High)}]";
        string changeText = $"median Δ {N(change.Median)} [{N(change.Low)}, {N(change.High)}]";
        double lastHalfRise = slope.Median * (last - slopeFrom);
        bool rising = sign > 0 ? slope.Low > 0 : slope.High < 0;
        if (rising && sign * lastHalfRise > tolerance)
            return Result(slope, change, tolerance, Verdict.Diverging,
                $"{slopeText} excludes 0 and implies a last-half change of {N(lastHalfRise)}, beyond τ = {N(tolerance)}");
        bool rose = sign > 0 ? change.Low > 0 : change.High < 0;
        if (rose && sign * change.Median > tolerance)
            return Result(slope, change, tolerance, Verdict.Plateauing,
                $"{changeText} is beyond τ = {N(tolerance)}, but {slopeText} {(rising ? $"implies only {N(lastHalfRise)} over the last half" : "includes 0")}");
        bool fell = sign > 0 ? change.High < 0 : change.Low > 0;
        if (fell && -sign * change.Median > tolerance)
            return Result(slope, change, tolerance, Verdict.Improving, $"{changeText} is a material improvement (τ = {N(tolerance)})");
        return Result(slope, change, tolerance, Verdict.Stable,
            $"{changeText} is {(Math.Abs(change.Median) <= tolerance ? "within" : "not significantly beyond")} τ = {N(tolerance)}");
    }

    /// <summary>Least-squares slope of the values at iterations <paramref name="from"/>..<paramref name="to"/> (NaN with fewer than two).</summary>
    internal static double Slope(SortedDictionary<int, double> trajectory, int from, int to)
    {
        double n = 0, sumT = 0, sumV = 0;
        foreach (var (t, v) in trajectory)
            if (t >= from && t <= to) { n++; sumT += t; sumV += v; }
        if (n < 2) return double.NaN;
        double meanT = sumT / n, meanV = sumV / n, stt = 0, stv = 0;
        foreach (var (t, v) in trajectory)
            if (t >= from && t <= to) { stt += (t - meanT) * (t - meanT); stv += (t - meanT) * (v - meanV); }
        return stv / stt;
    }
}
