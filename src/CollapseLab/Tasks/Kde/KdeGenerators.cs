using CollapseLab.Data;
using CollapseLab.Random;

namespace CollapseLab.Tasks.Kde;

/// <summary>
/// The real-data generators of the KDE setting. Each matches the scikit-learn generator of the same name in
/// distribution (same geometry, counts, shuffling and noise), drawing from a <see cref="Rng"/> instead of NumPy.
/// </summary>
public static class KdeGenerators
{
    /// <summary>
    /// <c>make_moons</c>: ⌊n/2⌋ points at angles linspace(0, π) (both ends) on (cos s, sin s), the other ⌈n/2⌉ on
    /// (1 − cos s, 1 − sin s − 0.5), rows shuffled, then N(0, noise²) added to each coordinate. Shape (n, 2).
    /// </summary>
    public static Rows Moons(int n, double noise, Rng rng)
    {
        int outer = n / 2, inner = n - outer;
        var values = new double[2 * n];
        for (int i = 0; i < outer; i++)
        {
            double s = Linspace(0, Math.PI, outer, i, endpoint: true);
            values[2 * i] = Math.Cos(s);
            values[2 * i + 1] = Math.Sin(s);
        }
        for (int i = 0; i < inner; i++)
        {
            double s = Linspace(0, Math.PI, inner, i, endpoint: true);
            values[2 * (outer + i)] = 1 - Math.Cos(s);
            values[2 * (outer + i) + 1] = 1 - Math.Sin(s) - 0.5;
        }
        return ShuffleAndAddNoise(values, 2, noise, rng);
    }

    /// <summary>
    /// <c>make_circles</c>: ⌊n/2⌋ points on the unit circle at angles linspace(0, 2π) (end excluded), the other ⌈n/2⌉
    /// likewise on the circle of radius <paramref name="factor"/>, rows shuffled, then N(0, noise²) added to each
    /// coordinate. Shape (n, 2).
    /// </summary>
    public static Rows Circles(int n, double factor, double noise, Rng rng)
    {
        int outer = n / 2, inner = n - outer;
        var values = new double[2 * n];
        for (int i = 0; i < outer; i++)
        {
            double s = Linspace(0, 2 * Math.PI, outer, i, endpoint: false);
            values[2 * i] = Math.Cos(s);
            values[2 * i + 1] = Math.Sin(s);
        }
        for (int i = 0; i < inner; i++)
        {
            double s = Linspace(0, 2 * Math.PI, inner, i, endpoint: false);
            values[2 * (outer + i)] = factor * Math.Cos(s);
            values[2 * (outer + i) + 1] = factor * Math.Sin(s);
        }
        return ShuffleAndAddNoise(values, 2, noise, rng);
    }

    /// <summary>
    /// <c>make_swiss_roll</c>: t = 1.5π(1 + 2u) with u ~ U(0, 1), height ~ U(0, 21), point (t cos t, height, t sin t),
    /// then noise·N(0, I) added. Shape (n, 3).
    /// </summary>
    public static Rows SwissRoll(int n, double noise, Rng rng)
    {
        var t = new double[n];
        for (int i = 0; i < n; i++) t[i] = 1.5 * Math.PI * (1 + 2 * rng.NextDouble());
        var values = new double[3 * n];
        for (int i = 0; i < n; i++)
        {
            values[3 * i] = t[i] * Math.Cos(t[i]);
            values[3 * i + 1] = 21 * rng.NextDouble();
            values[3 * i + 2] = t[i] * Math.Sin(t[i]);
        }
        AddNoise(values, noise, rng);
        return new Rows(values, 3);
    }

    /// <summary><c>make_blobs</c>' centres: <paramref name="centers"/> points uniform in [−10, 10]^<paramref name="features"/>.</summary>
    public static Rows BlobCenters(int centers, int features, Rng rng)
    {
        var values = new double[centers * features];
        for (int i = 0; i < values.Length; i++) values[i] = -10 + 20 * rng.NextDouble();
        return new Rows(values, features);
    }

    /// <summary>
    /// <c>make_blobs</c> around given centres: n split as evenly as possible over the centres (the first n mod c
    /// centres get one more), each point its centre plus N(0, clusterStd²·I), rows shuffled. Shape (n, d).
    /// </summary>
    public static Rows Blobs(int n, Rows centers, double clusterStd, Rng rng)
    {
        int c = centers.Count, d = centers.Dim;
        var values = new double[n * d];
        int at = 0;
        for (int k = 0; k < c; k++)
        {
            int size = n / c + (k < n % c ? 1 : 0);
            var center = centers.Row(k);
            for (int i = 0; i < size; i++, at++)
                for (int j = 0; j < d; j++)
                    values[at * d + j] = center[j] + clusterStd * rng.NextGaussian();
        }
        return Shuffle(values, d, rng);
    }

    /// <summary>NumPy's linspace(start, stop, count, endpoint)[i].</summary>
    private static double Linspace(double start, double stop, int count, int i, bool endpoint)
    {
        int intervals = endpoint ? count - 1 : count;
        if (intervals <= 0) return start;
        return endpoint && i == count - 1 ? stop : start + (stop - start) * i / intervals;
    }

    private static Rows ShuffleAndAddNoise(double[] values, int dim, double noise, Rng rng)
    {
        var rows = Shuffle(values, dim, rng);
        AddNoise(rows.Values, noise, rng);
        return rows;
    }

    private static Rows Shuffle(double[] values, int dim, Rng rng)
    {
        var order = new int[values.Length / dim];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        rng.Shuffle(order.AsSpan());
        return new Rows(values, dim).Take(order);
    }

    private static void AddNoise(double[] values, double noise, Rng rng)
    {
        if (noise == 0) return;
        for (int i = 0; i < values.Length; i++) values[i] += noise * rng.NextGaussian();
    }
}
