namespace CollapseLab.Sweeps;

/// <summary>A place in a sweep file, 1-based, printed the way editors and compilers do: <c>file:line:column</c>.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary><c>file:line:column</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
