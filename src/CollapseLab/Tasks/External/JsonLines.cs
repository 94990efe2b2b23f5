using CollapseLab.Data;

namespace CollapseLab.Tasks.External;

/// <summary>
/// A generation of the external setting: JSONL lines, each one sample, opaque to CollapseLab (kept exactly as read or
/// written; only checked to be one JSON value each). Subsets and concatenations share the line strings, so a pool
/// holds each line once however many training sets it appears in.
/// </summary>
public sealed class JsonLines : IDataset<JsonLines>
{
    /// <summary>The lines, in order, without their line ends.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The generation of <paramref name="lines"/> (not copied), one sample each, without line ends.</summary>
    public JsonLines(IReadOnlyList<string> lines) => Lines = lines;

    /// <inheritdoc/>
    public int Count => Lines.Count;

    /// <inheritdoc/>
    public JsonLines Take(ReadOnlySpan<int> indices)
    {
        var lines = new string[indices.Length];
        for (int i = 0; i < indices.Length; i++) lines[i] = Lines[indices[i]];
        return new JsonLines(lines);
    }

    /// <inheritdoc/>
    public static JsonLines Concat(IReadOnlyList<JsonLines> parts) =>
        parts.Count == 1 ? parts[0] : new JsonLines(parts.SelectMany(p => p.Lines).ToArray());
}
