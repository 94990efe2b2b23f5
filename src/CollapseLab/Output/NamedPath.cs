namespace CollapseLab.Output;

/// <summary>A path a command reads or writes, with the name the user knows it by (<c>--out</c>, <c>the store</c>) for messages.</summary>
public readonly record struct NamedPath(string Name, string Path);
