namespace CollapseLab.Reports;

/// <summary>
/// Ranks the workflows that can be compared: groups of the same task, task parameters, sample size and loss metric.
/// Rank 1 has the lowest mean final loss (or the lowest median slope over the last half). The sampling temperature
/// is treated as part of the workflow here, so a sharpened sampler is ranked against the other workflows.
/// </summary>
public static class VerdictRanking
{
    /// <summary>"2/9 · 4/9": rank by final loss and by slope among the comparable groups, or "—" when alone or undefined.</summary>
    public static IReadOnlyDictionary<GroupVerdict, string> Ranks(IReadOnlyList<GroupVerdict> verdicts)
    {
        var ranks = new Dictionary<GroupVerdict, string>();
        foreach (var comparable in verdicts.GroupBy(ComparisonKey))
        {
            var members = comparable.ToArray();
            foreach (var v in members)
                ranks[v] = members.Length < 2 || !double.IsFinite(v.Last)
                    ? "—"
                    : $"{Rank(members, v, x => x.Last)}/{members.Length} · {Rank(members, v, x => x.Slope.Median)}/{members.Length}";
        }
        return ranks;
    }

    private static string Rank(GroupVerdict[] members, GroupVerdict v, Func<GroupVerdict, double> by) =>
        double.IsNaN(by(v)) ? "—" : (1 + members.Count(m => by(m) < by(v))).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ComparisonKey(GroupVerdict v) =>
        $"{v.Group.Task}|{RunGroup.FormatParameters(v.Group.TaskParameters.Where(p => p.Key != "temperature").ToArray())}|{v.Group.Samples}|{v.Metric}";
}
