namespace CollapseLab.Reports.Figures;

/// <summary>
/// Which iterations a figure draws of a long series: one rule for every figure against t, so a report of runs of
/// 10⁵ iterations stays a few hundred points per line. It chooses iterations and never averages them: each drawn
/// value is the stored summary at its iteration; aggregates.csv keeps every iteration.
/// </summary>
public static class PlottedIterations
{
    /// <summary>A series of at most this many recorded iterations is drawn whole.</summary>
    public const int AllUpTo = 500;

    /// <summary>Iterations of the logarithmic grid per decade beyond 10 (every iteration up to 10).</summary>
    public const int PointsPerDecade = 50;

    /// <summary>About this many evenly spaced iterations are kept of a longer series, besides the logarithmic grid.</summary>
    public const int EvenPoints = 200;

    /// <summary>0, 1, …, 10, then <see cref="PointsPerDecade"/> per decade, and <paramref name="last"/>: a line of 2·10⁵ iterations stays a few hundred points.</summary>
    public static IReadOnlyList<int> LogSpaced(int last)
    {
        var shown = new SortedSet<int>(Enumerable.Range(0, Math.Min(last, 10) + 1));
        for (int j = 1; ; j++)
        {
            int t = (int)Math.Round(Math.Pow(10, 1 + (double)j / PointsPerDecade));
            if (t >= last) break;
            shown.Add(t);
        }
        shown.Add(last);
        return shown.ToArray();
    }

    /// <summary>The k of "every k-th recorded iteration" kept of <paramref name="count"/> recorded iterations; 1 when all are drawn.</summary>
    public static int Stride(int count) => count <= AllUpTo ? 1 : (count + EvenPoints - 1) / EvenPoints;

    /// <summary>
    /// Of the ascending <paramref name="recorded"/> iterations: all of them when there are at most <see cref="AllUpTo"/>;
    /// else those on the <see cref="LogSpaced"/> grid, every <see cref="Stride"/>-th one, the first, the last and each of
    /// <paramref name="required"/> that was recorded (ascending).
    /// </summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<int> recorded, IEnumerable<int> required)
    {
        if (recorded.Count <= AllUpTo) return recorded;
        int stride = Stride(recorded.Count);
        var grid = new HashSet<int>(LogSpaced(recorded[^1]));
        var must = new HashSet<int>(required) { recorded[0], recorded[^1] };
        return recorded.Where((t, i) => i % stride == 0 || grid.Contains(t) || must.Contains(t)).ToArray();
    }
}
