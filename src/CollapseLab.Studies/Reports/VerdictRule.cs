namespace CollapseLab.Reports;

/// <summary>
/// The collapse verdict rule, applied to one group's loss. For a metric where lower is worse (entropy) "worse" means
/// lower and every sign below flips.
/// <list type="number">
/// <item><c>undetermined</c> when there are fewer than 6 seeds or 4 iterations.</item>
/// <item><c>collapsed</c>: more than half of the seeds reached a degenerate absorbing state, i.e. some metric the
/// group recorded reached its absorbing value (<see cref="MetricInfo.Absorbing"/>: entropy 0, support 1, a trace or
/// determinant ratio 0, a fitted variance 0, a loss of +∞) after the first iteration, where it was not there yet. The
/// verdict carries the median over seeds of the iteration at which they got there (a seed that never did counts as
/// ∞), with its 95% interval.</item>
/// <item>When the loss is not finite at the first iteration in some run (the Gaussian's test NLL with n ≤ d), the
/// rest of the rule is applied to the next metric in report order (<see cref="MetricInfo.Order"/>) that is defined:
/// not bookkeeping, finite and not at its absorbing value at the first iteration in every run, never NaN; the reason
/// says so. With none, <c>undetermined</c>.</item>
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
/// <item><c>undetermined</c> also for a NaN, or when fewer than 6 runs reached the last iterations.</item>
/// </list>
/// </summary>
public static class VerdictRule
{
    /// <summary>τ as a fraction of |median L_1|.</summary>
    public const double MaterialFraction = 0.05;

    /// <summary>Fewest iterations T a group needs for a verdict; below it the verdict is undetermined.</summary>
    public const int MinimumIterations = 4;

    /// <summary>The rule in words, as the report prints it.</summary>
    public static string Description { get; } =
        "Per group of runs that differ only in their seed (first iteration 1, last T). " +
        $"undetermined: fewer than {MedianInterval.MinimumCount} seeds or {MinimumIterations} iterations. " +
        "collapsed: more than half of the seeds reached a degenerate absorbing state after the first iteration — entropy 0 or support 1 " +
        "(discrete), a covariance trace or determinant ratio 0, a fitted variance 0, a loss of +∞ — given with the median iteration at which " +
        "the seeds got there (a seed that never did counts as ∞) and its 95% interval. " +
        "When the loss is not finite at the first iteration in some run (the Gaussian's test NLL with n ≤ d, a singular fit from the start), " +
        "the rest of the rule is applied to the next metric in the report's order that is defined from the start (mean_sq_error, then " +
        "cov_trace_ratio, …) and the reason says so. " +
        "Otherwise, per seed: the change Δ = L_T − L_1 of the loss and its least-squares slope over the last ⌊T/2⌋ iterations (from " +
        "t_h = T − ⌊T/2⌋ + 1). The group's slope b and change Δ are the medians over seeds, each with a distribution-free 95% confidence " +
        "interval (order statistics, the sign-test interval); medians, because a few exploding seeds dominate a mean. " +
        $"A change is material when it exceeds τ = {ReportFormat.Number(100 * MaterialFraction)}% of |median L_1|. " +
        "diverging: b's interval lies entirely above 0 and the rise it implies over the last half, b·(T − t_h), is material, or the loss became +∞ in some run. " +
        "plateauing: not diverging, but Δ's interval lies above 0 and Δ is material (it rose, and no longer rises materially). " +
        "improving: Δ's interval lies below 0 and −Δ is material. stable: otherwise (no significant, material change). " +
        "undetermined also when no metric is defined from the start, for a NaN, or when too few runs reached the last iterations. " +
        "For a metric where lower is worse (entropy, a variance ratio) the signs flip. The first and last columns are means over seeds, as in the figures.";

    /// <summary>Applies the rule to the group's loss <paramref name="loss"/> (and the group's other metrics, see the class remarks).</summary>
    public static GroupVerdict Evaluate(RunGroup group, string loss)
    {
        var trajectories = Trajectories(group, loss);
        int seeds = trajectories.Length;
        int first = seeds == 0 ? 0 : trajectories.Min(t => t.Keys.First());
        int last = seeds == 0 ? 0 : trajectories.Max(t => t.Keys.Last());
        var absorption = Absorption(group);
        int collapsedSeeds = absorption.Count(a => a.Iteration is not null);
        var collapseIteration = MedianInterval.Of(absorption.Select(a => (double?)a.Iteration ?? double.PositiveInfinity).ToArray());
        string N(double v) => ReportFormat.Number(v, 3);

        GroupVerdict Result(string metric, SortedDictionary<int, double>[] series, MedianInterval slope, MedianInterval change, double tolerance, Verdict verdict, string reason)
        {
            double Mean(int t) => SeedSummary.Of(series.Where(s => s.ContainsKey(t)).Select(s => s[t]).ToArray()).Mean;
            double firstMean = Mean(first), lastMean = Mean(last);
            return new(group, loss, metric, seeds, first, last, firstMean, lastMean, firstMean == 0 ? double.NaN : lastMean / firstMean,
                last - (last - first + 1) / 2 + 1, slope, change, tolerance, collapsedSeeds, collapseIteration, verdict, reason);
        }
        GroupVerdict Undetermined(string reason) =>
            Result(loss, trajectories, MedianInterval.None, MedianInterval.None, double.NaN, Verdict.Undetermined, reason);

        if (seeds < MedianInterval.MinimumCount)
            return Undetermined($"{seeds} seed(s): at least {MedianInterval.MinimumCount} are needed for a 95% interval");
        if (last - first + 1 < MinimumIterations)
            return Undetermined($"{last - first + 1} iteration(s): at least {MinimumIterations} are needed");

        if (2 * collapsedSeeds > absorption.Length)
        {
            var states = absorption.Where(a => a.State is not null).GroupBy(a => a.State!).OrderByDescending(s => s.Count())
                .Select(s => $"{s.Key} in {s.Count()}");
            string interval = double.IsFinite(collapseIteration.High)
                ? $" [{N(collapseIteration.Low)}, {N(collapseIteration.High)}]"
                : collapseIteration.HasInterval ? $" [{N(collapseIteration.Low)}, not reached]" : "";
            return Result(loss, trajectories, MedianInterval.None, MedianInterval.None, double.NaN, Verdict.Collapsed,
                $"{collapsedSeeds} of {absorption.Length} seeds reached a degenerate absorbing state ({string.Join(", ", states)}), " +
                $"at median iteration {N(collapseIteration.Median)}{interval}");
        }

        string metric = loss, preface = "";
        var firstValues = FirstValues(trajectories, first);
        int nonFiniteFirst = firstValues.Count(v => !double.IsFinite(v));
        if (nonFiniteFirst > 0)
        {
            string undefined = $"{loss} is not finite at t = {first} in {nonFiniteFirst} of {firstValues.Length} runs";
            var standIn = MetricInfo.Order(group.Metrics).FirstOrDefault(m => m != loss && DefinedFromStart(group, m, first));
            if (standIn is null)
                return Undetermined(undefined + ", and no other metric is defined from the start");
            metric = standIn;
            trajectories = Trajectories(group, metric);
            firstValues = FirstValues(trajectories, first);
            preface = $"{undefined}, so the verdict is taken on {metric}: ";
        }

        double sign = MetricInfo.Of(metric).HigherIsWorse ? 1 : -1;
        int slopeFrom = SlopeStart(first, last);
        GroupVerdict Judged(MedianInterval slope, MedianInterval change, double tolerance, Verdict verdict, string reason) =>
            Result(metric, trajectories, slope, change, tolerance, verdict, preface + reason);

        if (trajectories.Any(t => t.Values.Any(double.IsNaN)))
            return Judged(MedianInterval.None, MedianInterval.None, double.NaN, Verdict.Undetermined, $"{metric} is NaN in some run");
        double tolerance = MaterialFraction * Math.Abs(MedianInterval.Of(firstValues).Median);
        int blownUp = trajectories.Count(t => t.Values.Any(v => double.IsInfinity(v) && sign * v > 0));
        if (blownUp > 0)
            return Judged(MedianInterval.None, MedianInterval.None, tolerance, Verdict.Diverging,
                $"{metric} became {(sign > 0 ? "+∞" : "−∞")} in {blownUp} of {seeds} runs");
        if (trajectories.Any(t => t.Values.Any(double.IsInfinity)))
            return Judged(MedianInterval.None, MedianInterval.None, tolerance, Verdict.Undetermined, $"{metric} became infinite in the better direction in some run");

        var slope = MedianInterval.Of(trajectories.Select(t => Slope(t, slopeFrom, last)).Where(double.IsFinite).ToArray());
        var change = MedianInterval.Of(trajectories.Where(t => t.ContainsKey(first) && t.ContainsKey(last)).Select(t => t[last] - t[first]).ToArray());
        if (!slope.HasInterval || !change.HasInterval)
            return Judged(slope, change, tolerance, Verdict.Undetermined, $"fewer than {MedianInterval.MinimumCount} runs reached the last iterations");

        string slopeText = $"median slope {N(slope.Median)} [{N(slope.Low)}, {N(slope.High)}]";
        string changeText = $"median Δ {N(change.Median)} [{N(change.Low)}, {N(change.High)}]";
        double lastHalfRise = slope.Median * (last - slopeFrom);
        bool rising = sign > 0 ? slope.Low > 0 : slope.High < 0;
        if (rising && sign * lastHalfRise > tolerance)
            return Judged(slope, change, tolerance, Verdict.Diverging,
                $"{slopeText} excludes 0 and implies a last-half change of {N(lastHalfRise)}, beyond τ = {N(tolerance)}");
        bool rose = sign > 0 ? change.Low > 0 : change.High < 0;
        if (rose && sign * change.Median > tolerance)
            return Judged(slope, change, tolerance, Verdict.Plateauing,
                $"{changeText} is beyond τ = {N(tolerance)}, but {slopeText} {(rising ? $"implies only {N(lastHalfRise)} over the last half" : "includes 0")}");
        bool fell = sign > 0 ? change.High < 0 : change.Low > 0;
        if (fell && -sign * change.Median > tolerance)
            return Judged(slope, change, tolerance, Verdict.Improving, $"{changeText} is a material improvement (τ = {N(tolerance)})");
        return Judged(slope, change, tolerance, Verdict.Stable,
            $"{changeText} is {(Math.Abs(change.Median) <= tolerance ? "within" : "not significantly beyond")} τ = {N(tolerance)}");
    }

    /// <summary>The first iteration of the last half, over which the slope is taken: for first = 1 and T = 100, 51 (51..100); for T = 5, 4 (4..5).</summary>
    internal static int SlopeStart(int first, int last) => last - (last - first + 1) / 2 + 1;

    private static SortedDictionary<int, double>[] Trajectories(RunGroup group, string metric) =>
        group.Runs.Select(r => group.Trajectory(r, metric)).Where(t => t.Count > 0).ToArray();

    private static double[] FirstValues(SortedDictionary<int, double>[] trajectories, int first) =>
        trajectories.Where(t => t.ContainsKey(first)).Select(t => t[first]).ToArray();

    /// <summary>A metric a verdict can be taken on from <paramref name="first"/>: measured in every run, finite and not degenerate there, never NaN.</summary>
    private static bool DefinedFromStart(RunGroup group, string metric, int first)
    {
        var info = MetricInfo.Of(metric);
        if (info.Bookkeeping) return false;
        var trajectories = group.Runs.Select(r => group.Trajectory(r, metric)).ToArray();
        return trajectories.All(t => t.TryGetValue(first, out var v) && double.IsFinite(v) && v != info.Absorbing && !t.Values.Any(double.IsNaN));
    }

    /// <summary>
    /// Per run with metrics: the first iteration at which any metric with an absorbing value reached it, having not been
    /// there at the run's first iteration, and which state that was ("entropy = 0"); null for a run that never did.
    /// </summary>
    private static (int? Iteration, string? State)[] Absorption(RunGroup group)
    {
        var absorbing = group.Metrics.Where(m => MetricInfo.Of(m).Absorbing is not null).ToArray();
        return group.Runs.Where(r => r.Metrics.Count > 0).Select(run =>
        {
            (int? Iteration, string? State) earliest = (null, null);
            foreach (var metric in absorbing)
            {
                double value = MetricInfo.Of(metric).Absorbing!.Value;
                var trajectory = group.Trajectory(run, metric);
                if (trajectory.Count == 0 || trajectory.Values.First() == value) continue;
                foreach (var (t, v) in trajectory)
                    if (v == value)
                    {
                        if (earliest.Iteration is null || t < earliest.Iteration)
                            earliest = (t, $"{metric} = {ReportFormat.Number(value)}");
                        break;
                    }
            }
            return earliest;
        }).ToArray();
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
