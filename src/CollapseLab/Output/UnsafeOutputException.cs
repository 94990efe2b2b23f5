namespace CollapseLab.Output;

/// <summary>An output path that would destroy an input or another output of the same command; nothing was written.</summary>
public sealed class UnsafeOutputException(string message) : IOException(message);
