namespace CollapseLab.Reports.Theory;

/// <summary>Every known <see cref="ITheoryOverlay"/>. A task setting with exact expectations adds one line here.</summary>
public static class TheoryOverlays
{
    private static readonly List<ITheoryOverlay> _all =
    [
        new GaussianTheoryOverlay(),
        new DiscreteTheoryOverlay(),
        new LinRegTheoryOverlay(),
    ];

    /// <summary>The built-in overlays (Gaussian, discrete, linear regression), then those registered.</summary>
    public static IReadOnlyList<ITheoryOverlay> All => _all;

    /// <summary>Adds an overlay defined outside this library (replacing one for the same task).</summary>
    public static void Register(ITheoryOverlay overlay)
    {
        lock (_all)
        {
            _all.RemoveAll(o => o.Task == overlay.Task);
            _all.Add(overlay);
        }
    }

    /// <summary>The exact expectation of <paramref name="metric"/> for <paramref name="group"/> at <paramref name="iteration"/>, or null.</summary>
    public static double? Expectation(RunGroup group, string metric, int iteration) =>
        _all.FirstOrDefault(o => o.Task == group.Task)?.Expectation(group, metric, iteration);
}
