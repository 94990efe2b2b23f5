namespace CollapseLab.Loop;

/// <summary>Where a pool entry's samples came from.</summary>
public enum Origin
{
    /// <summary>Drawn from the true distribution (generation 0, or fresh real data added later).</summary>
    Real,
    /// <summary>Sampled from a fitted model.</summary>
    Synthetic,
}
