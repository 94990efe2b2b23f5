using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CollapseLab.Parameters;

/// <summary>
/// SHA-256 of the input a parameter names (<see cref="ParameterInput"/>), so that a run's identity follows the
/// content it reads and not only the path text. A file's digest is what <c>sha256sum FILE</c> prints. A directory's
/// is the SHA-256 of one line per file under it (recursively, any path component starting with '.' skipped, in
/// ordinal order of the '/'-separated relative path): "SHA-256-of-content  relative/path\n", i.e. the output of
/// <c>sha256sum</c> over those files run from inside the directory.
/// </summary>
/// <remarks>
/// A sweep forms thousands of run specs on the same file: each digest is computed once per process and reused
/// while the file's length and modification time stay the same (a changed file is hashed again).
/// </remarks>
public static class ContentDigest
{
    private sealed record Stamped(string Stamp, string Digest);

    private static readonly ConcurrentDictionary<string, Stamped> Cache = new(StringComparer.Ordinal);

    /// <summary>Lower-case hex SHA-256 of the file or directory at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">No such file or directory, or it cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">Reading it is not permitted.</exception>
    public static string Of(string path, ParameterInput kind)
    {
        if (kind == ParameterInput.None) throw new ArgumentException("the parameter names no input", nameof(kind));
        string full = Path.GetFullPath(path);
        if (kind == ParameterInput.File)
        {
            var file = new FileInfo(full);
            if (!file.Exists) throw new FileNotFoundException($"no such file '{path}'", full);
            return Cached("file:" + full, Stamp(file), () => FileDigest(full));
        }
        if (!System.IO.Directory.Exists(full)) throw new DirectoryNotFoundException($"no such directory '{path}'");
        var files = FilesUnder(full);
        string stamp = string.Join("\n", files.Select(f => f.Relative + "\t" + Stamp(new FileInfo(f.Full))));
        return Cached("directory:" + full, stamp, () =>
        {
            var manifest = new StringBuilder();
            foreach (var (relative, fullPath) in files) manifest.Append(FileDigest(fullPath)).Append("  ").Append(relative).Append('\n');
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString())));
        });
    }

    private static string Cached(string key, string stamp, Func<string> compute)
    {
        if (Cache.TryGetValue(key, out var known) && known.Stamp == stamp) return known.Digest;
        string digest = compute();
        Cache[key] = new Stamped(stamp, digest);
        return digest;
    }

    private static string Stamp(FileInfo file) => $"{file.Length}:{file.LastWriteTimeUtc.Ticks}";

    private static string FileDigest(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static (string Relative, string Full)[] FilesUnder(string directory) =>
        System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(full => (Relative: Path.GetRelativePath(directory, full).Replace(Path.DirectorySeparatorChar, '/'), Full: full))
            .Where(f => !f.Relative.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToArray();
}
