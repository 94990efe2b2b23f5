namespace CollapseLab.Tasks.LinReg;

/// <summary>
/// What a least-squares fit on a fixed design needs from its labels: per design row, how many labels it has and
/// their sum. Repeated rows only enter the fit through these (Σ_i (x_{r_i}ᵀw − y_i)² = Σ_j c_j (x_jᵀw − ȳ_j)² + const).
/// </summary>
internal sealed class RowStatistics(int rows)
{
    /// <summary>c_j: number of labels of design row j.</summary>
    public int[] Counts { get; } = new int[rows];

    /// <summary>Σ of the labels of design row j.</summary>
    public double[] Sums { get; } = new double[rows];

    public void Add(Labels labels)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            int row = labels.DesignRows[i];
            Counts[row]++;
            Sums[row] += labels.Values[i];
        }
    }

    /// <summary>c when every design row has exactly c ≥ 1 labels (the design repeated c times), else 0.</summary>
    public int UniformCount()
    {
        int c = Counts[0];
        foreach (int count in Counts)
            if (count != c) return 0;
        return c;
    }
}
