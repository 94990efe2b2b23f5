namespace CollapseLab.Sweeps;

/// <summary>
/// A sweep file or grid that cannot be run: unknown key, wrong type, empty grid, invalid value. The message
/// starts with <c>file:line:column</c> when the place is known; the CLI exits with code 2.
/// </summary>
public sealed class SweepException(SourceLocation? location, string message)
    : Exception(location is null ? message : $"{location}: {message}")
{
    /// <summary>Where in the sweep file the problem is, when known.</summary>
    public SourceLocation? Location { get; } = location;
}
