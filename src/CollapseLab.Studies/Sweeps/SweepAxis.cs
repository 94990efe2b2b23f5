namespace CollapseLab.Sweeps;

/// <summary>
/// One axis of a grid: a parameter name as the CLI spells it (<c>dim</c>, <c>workflow</c>, <c>samples</c>,
/// <c>seed</c>, …) and the values it takes.
/// </summary>
public sealed record SweepAxis(string Parameter, IReadOnlyList<SweepValue> Values, SourceLocation? Location = null)
{
    /// <summary>An axis built in code (no file positions).</summary>
    public static SweepAxis Of(string parameter, params string[] values) =>
        new(parameter, values.Select(v => new SweepValue(v)).ToArray());
}
