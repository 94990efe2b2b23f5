namespace CollapseLab.Tasks.Kde;

/// <summary>The real-data generators of the KDE setting (scikit-learn's <c>make_*</c> data sets).</summary>
public enum KdeDataset
{
    /// <summary>Two interleaving half circles in 2-D.</summary>
    Moons,
    /// <summary>Two concentric circles in 2-D.</summary>
    Circles,
    /// <summary>A rolled-up 2-D sheet in 3-D.</summary>
    SwissRoll,
    /// <summary>Isotropic Gaussian clusters around centres drawn once per run.</summary>
    Blobs,
}
