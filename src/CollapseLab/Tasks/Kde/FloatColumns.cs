using System.Numerics.Tensors;
using CollapseLab.Data;

namespace CollapseLab.Tasks.Kde;

/// <summary>
/// Points stored column by column in single precision, moved to an origin and scaled: <c>Column(j)[i]</c> is
/// (float)(scale · (x_ij − origin_j)). Centring on the data keeps the float coordinates small, so their rounding
/// perturbs distances little. The layout the scoring kernel streams through with SIMD; it grows by appending
/// (capacity doubles) and can be cleared for reuse.
/// </summary>
internal sealed class FloatColumns
{
    private float[][] _columns;

    /// <summary>Dimension d.</summary>
    public int Dim { get; }

    /// <summary>Number of points.</summary>
    public int Count { get; private set; }

    public FloatColumns(int dim, int capacity = 0)
    {
        Dim = dim;
        _columns = new float[dim][];
        for (int j = 0; j < dim; j++) _columns[j] = new float[capacity];
    }

    /// <summary>Coordinate <paramref name="j"/> of points [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    public ReadOnlySpan<float> Column(int j, int start, int count) => _columns[j].AsSpan(start, count);

    /// <summary>Coordinate <paramref name="j"/> of every point.</summary>
    public ReadOnlySpan<float> Column(int j) => _columns[j].AsSpan(0, Count);

    /// <summary>Single-precision copy of <paramref name="rows"/>, moved to <paramref name="origin"/> and multiplied by <paramref name="scale"/>.</summary>
    public static FloatColumns Of(Rows rows, ReadOnlySpan<double> origin, double scale)
    {
        var columns = new FloatColumns(rows.Dim, rows.Count);
        columns.Append(rows, null, origin, scale);
        return columns;
    }

    /// <summary>The largest |coordinate| of any point (0 when empty; NaN when a coordinate is NaN).</summary>
    public float MaxMagnitude()
    {
        float max = 0;
        if (Count == 0) return max;
        for (int j = 0; j < Dim; j++) max = MathF.Max(max, MathF.Abs(TensorPrimitives.MaxMagnitude(Column(j))));
        return max;
    }

    /// <summary>Forgets every point, keeping the storage.</summary>
    public void Clear() => Count = 0;

    /// <summary>
    /// Appends the rows <paramref name="indices"/> of <paramref name="rows"/> (all of them when null), moved to
    /// <paramref name="origin"/> and multiplied by <paramref name="scale"/>.
    /// </summary>
    public void Append(Rows rows, int[]? indices, ReadOnlySpan<double> origin, double scale)
    {
        if (rows.Dim != Dim) throw new ArgumentException($"rows have dimension {rows.Dim}, expected {Dim}", nameof(rows));
        if (origin.Length != Dim) throw new ArgumentException($"origin has dimension {origin.Length}, expected {Dim}", nameof(origin));
        int added = indices?.Length ?? rows.Count;
        Reserve(Count + added);
        var values = rows.Values;
        int d = Dim;
        for (int j = 0; j < d; j++)
        {
            var column = _columns[j].AsSpan(Count, added);
            double shift = origin[j];
            if (indices is null)
                for (int i = 0; i < added; i++) column[i] = (float)(scale * (values[i * d + j] - shift));
            else
                for (int i = 0; i < added; i++) column[i] = (float)(scale * (values[indices[i] * d + j] - shift));
        }
        Count += added;
    }

    private void Reserve(int capacity)
    {
        if (capacity <= _columns[0].Length) return;
        int grown = Math.Max(capacity, 2 * _columns[0].Length);
        for (int j = 0; j < Dim; j++) Array.Resize(ref _columns[j], grown);
    }
}
