namespace CollapseLab.Tasks.Kde;

/// <summary>
/// For each of a fixed set of points, the running value of log Σ_i exp(e_i) over every kernel added so far,
/// kept as a maximum M and a sum S = Σ_i exp(e_i − M), so that blocks of terms can be added in order
/// without overflow, underflow or a second pass.
/// </summary>
internal sealed class RunningLogSumExp
{
    private readonly double[] _max;
    private readonly double[] _sum;

    /// <summary>An empty sum (log 0 = −∞) for each of <paramref name="count"/> points.</summary>
    public RunningLogSumExp(int count)
    {
        _max = new double[count];
        _sum = new double[count];
        Array.Fill(_max, double.NegativeInfinity);
    }

    private RunningLogSumExp(double[] max, double[] sum)
    {
        _max = max;
        _sum = sum;
    }

    /// <summary>Number of points.</summary>
    public int Count => _max.Length;

    /// <summary>Adds a block of terms to point <paramref name="k"/>: exp(<paramref name="blockMax"/>) · <paramref name="blockSum"/>.</summary>
    /// <remarks>The block's own sum is relative to its maximum, so <paramref name="blockSum"/> ≥ 1.</remarks>
    public void Add(int k, double blockMax, double blockSum)
    {
        double max = _max[k];
        if (blockMax <= max)
        {
            _sum[k] += blockSum * Math.Exp(blockMax - max);
        }
        else
        {
            _sum[k] = _sum[k] * Math.Exp(max - blockMax) + blockSum;
            _max[k] = blockMax;
        }
    }

    /// <summary>log Σ exp(e_i) for point <paramref name="k"/> (−∞ when nothing was added).</summary>
    public double Value(int k) => _max[k] + Math.Log(_sum[k]);

    /// <summary>An independent copy.</summary>
    public RunningLogSumExp Clone() => new((double[])_max.Clone(), (double[])_sum.Clone());
}
