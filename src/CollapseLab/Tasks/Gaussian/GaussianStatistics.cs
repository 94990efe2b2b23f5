using System.Buffers;
using System.Numerics.Tensors;
using CollapseLab.Data;
using CollapseLab.Numerics;

namespace CollapseLab.Tasks.Gaussian;

/// <summary>
/// Sufficient statistics of a set of d-dimensional samples: count N, mean, and centred second moment
/// M2 = Σ_i (x_i − mean)(x_i − mean)ᵀ (d × d, row-major). Merging two sets is exact and O(d²)
/// (Chan, Golub and LeVeque's pairwise update), so Accumulate never revisits old generations.
/// </summary>
public sealed class GaussianStatistics
{
    /// <summary>N, the number of samples.</summary>
    public int Count { get; }
    /// <summary>d, the dimension of each sample.</summary>
    public int Dim { get; }
    /// <summary>The sample mean, length d.</summary>
    public double[] Mean { get; }
    /// <summary>Σ_i (x_i − mean)(x_i − mean)ᵀ, row-major (d, d); the covariance is M2 / N (ML) or M2 / (N − 1).</summary>
    public double[] M2 { get; }

    private GaussianStatistics(int count, double[] mean, double[] m2)
    {
        Count = count;
        Dim = mean.Length;
        Mean = mean;
        M2 = m2;
    }

    /// <summary>Statistics of <paramref name="rows"/>, O(N·d²) through <see cref="Gemm"/>.</summary>
    public static GaussianStatistics Of(Rows rows)
    {
        int n = rows.Count, d = rows.Dim;
        var mean = new double[d];
        for (int i = 0; i < n; i++) TensorPrimitives.Add(mean, rows.Row(i), mean);
        TensorPrimitives.Divide(mean, n, mean);

        // Scratch from the shared pool: per-iteration arrays of this size would land on the large-object heap.
        var buffer = ArrayPool<double>.Shared.Rent(n * d);
        var centered = buffer.AsSpan(0, n * d);
        for (int i = 0; i < n; i++) TensorPrimitives.Subtract(rows.Row(i), mean, centered.Slice(i * d, d));
        var m2 = new double[d * d];
        Gemm.AddGram(centered, n, d, m2);
        ArrayPool<double>.Shared.Return(buffer);
        return new GaussianStatistics(n, mean, m2);
    }

    /// <summary>Statistics of the union of the two sets.</summary>
    public static GaussianStatistics Merge(GaussianStatistics a, GaussianStatistics b)
    {
        int d = a.Dim, n = a.Count + b.Count;
        double wb = (double)b.Count / n, cross = (double)a.Count * b.Count / n;
        var delta = new double[d];
        var mean = new double[d];
        for (int j = 0; j < d; j++)
        {
            delta[j] = b.Mean[j] - a.Mean[j];
            mean[j] = a.Mean[j] + delta[j] * wb;
        }
        var m2 = new double[d * d];
        for (int j = 0; j < d; j++)
            for (int k = 0; k < d; k++)
                m2[j * d + k] = a.M2[j * d + k] + b.M2[j * d + k] + delta[j] * delta[k] * cross;
        return new GaussianStatistics(n, mean, m2);
    }
}
