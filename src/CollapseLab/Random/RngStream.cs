namespace CollapseLab.Random;

/// <summary>The independent random streams of one run (see <see cref="Rng.For"/>).</summary>
/// <remarks>Values are part of the seed derivation: never renumber them, only add new ones.</remarks>
public enum RngStream
{
    /// <summary>Real training data (generation 0) and anything else drawn once from the truth per run.</summary>
    Real = 1,
    /// <summary>The held-out real test set.</summary>
    Test = 2,
    /// <summary>A workflow's choice of training data at an iteration.</summary>
    Select = 3,
    /// <summary>Fitting a model at an iteration (for tasks whose fit is random).</summary>
    Fit = 4,
    /// <summary>Sampling a synthetic generation at an iteration.</summary>
    Sample = 5,
    /// <summary>Per-run draws fixed by the task setting itself (e.g. a fixed design, blob centres).</summary>
    Setup = 6,
    /// <summary>Fresh real data or other additions to the pool at an iteration.</summary>
    Grow = 7,
}
