using CollapseLab.Data;

namespace CollapseLab.Tasks.LinReg;

/// <summary>
/// A generation of the linear-regression setting: labels y_i, each with the row of the fixed design X₀ it
/// belongs to. A full generation labels every design row once (row i of n, in order); subsets and
/// concatenations keep each label's row, so any workflow's selection stays a valid regression data set.
/// </summary>
public sealed class Labels : IDataset<Labels>
{
    /// <summary>The design row of each label.</summary>
    public int[] DesignRows { get; }

    /// <summary>The labels.</summary>
    public double[] Values { get; }

    /// <inheritdoc/>
    public int Count => Values.Length;

    /// <summary>Label <c>values[i]</c> belongs to design row <c>designRows[i]</c> (arrays not copied).</summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public Labels(int[] designRows, double[] values)
    {
        if (designRows.Length != values.Length) throw new ArgumentException("one design row per label is needed", nameof(designRows));
        DesignRows = designRows;
        Values = values;
    }

    /// <inheritdoc/>
    public Labels Take(ReadOnlySpan<int> indices)
    {
        var rows = new int[indices.Length];
        var values = new double[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            rows[i] = DesignRows[indices[i]];
            values[i] = Values[indices[i]];
        }
        return new Labels(rows, values);
    }

    /// <inheritdoc/>
    public static Labels Concat(IReadOnlyList<Labels> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to concatenate", nameof(parts));
        if (parts.Count == 1) return parts[0];
        return new Labels(parts.SelectMany(p => p.DesignRows).ToArray(), parts.SelectMany(p => p.Values).ToArray());
    }
}
