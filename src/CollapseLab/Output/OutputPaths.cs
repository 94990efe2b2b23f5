using System.Diagnostics;
using System.Globalization;

namespace CollapseLab.Output;

/// <summary>
/// The one check every command makes before it writes: no output may lead to one of its inputs or to another of its
/// outputs, whatever symbolic links (at any level) or hard links lie between them.
/// </summary>
public static class OutputPaths
{
    /// <summary>Refuses <paramref name="outputs"/> that lead to the same file as an input, or as each other.</summary>
    /// <exception cref="UnsafeOutputException">Names both paths; nothing has been written.</exception>
    public static void EnsureApart(IEnumerable<NamedPath> outputs, IEnumerable<NamedPath> inputs)
    {
        var seen = new Dictionary<PosixFile.Identity, (NamedPath Path, bool IsInput)>();
        foreach (var input in inputs.Where(i => !string.IsNullOrEmpty(i.Path)))
            seen.TryAdd(PosixFile.IdentityOf(input.Path), (input, true));
        foreach (var output in outputs)
        {
            if (string.IsNullOrEmpty(output.Path)) throw new UnsafeOutputException($"{output.Name}: an empty path names no file");
            if (seen.TryAdd(PosixFile.IdentityOf(output.Path), (output, false))) continue;
            var (other, isInput) = seen[PosixFile.IdentityOf(output.Path)];
            throw new UnsafeOutputException(isInput
                ? $"{output.Name} '{output.Path}' is {other.Name} '{other.Path}' (the same file, directly or through a link): writing it would destroy that input; nothing was written"
                : $"{output.Name} '{output.Path}' and {other.Name} '{other.Path}' are the same file (directly or through a link); give them different paths");
        }
    }

    /// <summary>True when <paramref name="path"/> leads to a device, FIFO or socket: written through, never replaced.</summary>
    public static bool IsSpecialFile(string path) => PosixFile.KindOf(path) == PosixFile.Kind.Special;

    /// <summary>
    /// Deletes what a killed process left beside <paramref name="target"/>: files named <c>.NAME.PID{suffix}</c> whose
    /// PID is no longer running. Files of running processes (another writer, this one) are kept.
    /// </summary>
    public static void RemoveStaleTemporaries(string target, params string[] suffixes)
    {
        string full = Path.GetFullPath(target);
        string directory = Path.GetDirectoryName(full)!, prefix = "." + Path.GetFileName(full) + ".";
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            string rest = Path.GetFileName(file)[prefix.Length..];
            var suffix = suffixes.FirstOrDefault(s => rest.EndsWith(s, StringComparison.Ordinal));
            if (suffix is null || !int.TryParse(rest[..^suffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (IsRunning(pid)) continue;
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // not ours to remove (another user's directory): harmless, it only takes space
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
