namespace CollapseLab.Data;

/// <summary>Samples of a d-dimensional real vector, stored row-major: <c>Values</c> is (Count, Dim).</summary>
public sealed class Rows : IDataset<Rows>
{
    /// <summary>Row-major values, (Count, Dim).</summary>
    public double[] Values { get; }

    /// <summary>Dimension d of each sample.</summary>
    public int Dim { get; }

    /// <inheritdoc/>
    public int Count { get; }

    /// <summary>Wraps <paramref name="values"/> (not copied) as rows of <paramref name="dim"/> numbers.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="values"/> is not a multiple of <paramref name="dim"/>.</exception>
    public Rows(double[] values, int dim)
    {
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "must be ≥ 1");
        if (values.Length % dim != 0) throw new ArgumentException($"length {values.Length} is not a multiple of dim {dim}", nameof(values));
        Values = values;
        Dim = dim;
        Count = values.Length / dim;
    }

    /// <summary>Row <paramref name="i"/>.</summary>
    public ReadOnlySpan<double> Row(int i) => Values.AsSpan(i * Dim, Dim);

    /// <inheritdoc/>
    public Rows Take(ReadOnlySpan<int> indices)
    {
        var values = new double[indices.Length * Dim];
        for (int i = 0; i < indices.Length; i++)
            Row(indices[i]).CopyTo(values.AsSpan(i * Dim, Dim));
        return new Rows(values, Dim);
    }

    /// <inheritdoc/>
    public static Rows Concat(IReadOnlyList<Rows> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to concatenate", nameof(parts));
        if (parts.Count == 1) return parts[0];
        var values = new double[parts.Sum(p => p.Values.Length)];
        int at = 0;
        foreach (var p in parts)
        {
            if (p.Dim != parts[0].Dim) throw new ArgumentException("parts differ in dimension", nameof(parts));
            p.Values.CopyTo(values, at);
            at += p.Values.Length;
        }
        return new Rows(values, parts[0].Dim);
    }
}
