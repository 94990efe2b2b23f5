using CollapseLab.Data;

namespace CollapseLab.Tasks.Kde;

/// <summary>
/// Count, per-dimension mean and per-dimension centred sum of squares M2_j = Σ_i (x_ij − mean_j)² of a set of points:
/// enough for the training spread, and mergeable exactly (Chan, Golub and LeVeque) so Accumulate never revisits
/// old generations.
/// </summary>
internal sealed class SpreadStatistics
{
    public int Count { get; }
    public double[] Mean { get; }
    public double[] M2 { get; }

    private SpreadStatistics(int count, double[] mean, double[] m2)
    {
        Count = count;
        Mean = mean;
        M2 = m2;
    }

    /// <summary>Mean over dimensions of the biased (divide by N) variance: the <c>train_spread</c> metric.</summary>
    public double Spread => M2.Average() / Count;

    /// <summary>Statistics of the rows <paramref name="indices"/> of <paramref name="rows"/> (all rows when null), two passes.</summary>
    public static SpreadStatistics Of(Rows rows, int[]? indices = null)
    {
        int n = indices?.Length ?? rows.Count, d = rows.Dim;
        var mean = new double[d];
        var m2 = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = rows.Row(indices?[i] ?? i);
            for (int j = 0; j < d; j++) mean[j] += row[j];
        }
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (int i = 0; i < n; i++)
        {
            var row = rows.Row(indices?[i] ?? i);
            for (int j = 0; j < d; j++)
            {
                double c = row[j] - mean[j];
                m2[j] += c * c;
            }
        }
        return new SpreadStatistics(n, mean, m2);
    }

    /// <summary>Statistics of the union of the two sets.</summary>
    public static SpreadStatistics Merge(SpreadStatistics a, SpreadStatistics b)
    {
        int d = a.Mean.Length, n = a.Count + b.Count;
        double wb = (double)b.Count / n, cross = (double)a.Count * b.Count / n;
        var mean = new double[d];
        var m2 = new double[d];
        for (int j = 0; j < d; j++)
        {
            double delta = b.Mean[j] - a.Mean[j];
            mean[j] = a.Mean[j] + delta * wb;
            m2[j] = a.M2[j] + b.M2[j] + delta * delta * cross;
        }
        return new SpreadStatistics(n, mean, m2);
    }
}
