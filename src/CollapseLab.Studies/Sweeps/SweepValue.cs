namespace CollapseLab.Sweeps;

/// <summary>One value of a sweep axis, as written (before the parameter's own validation), and where it was written.</summary>
public sealed record SweepValue(string Text, SourceLocation? Location = null);
