using System.Runtime.InteropServices;

namespace CollapseLab.Output;

/// <summary>
/// What <c>stat(2)</c> says of a path (following symbolic links): its kind and its device and inode, which name a
/// file whatever link or hard link leads to it. .NET exposes neither, so this asks libc (Linux on x64 and arm64, where
/// <c>struct stat</c> starts with <c>st_dev</c> and <c>st_ino</c>); elsewhere it falls back to resolved path text.
/// </summary>
internal static partial class PosixFile
{
    public enum Kind { Missing, Regular, Directory, Special }

    /// <summary>A file's identity: device and inode where stat is available, else its full path with links resolved.</summary>
    public readonly record struct Identity(ulong Device, ulong Inode, string? ResolvedPath);

    private const uint TypeMask = 0xF000, RegularType = 0x8000, DirectoryType = 0x4000;

    private static int? ModeOffset = OperatingSystem.IsLinux()
        ? RuntimeInformation.ProcessArchitecture switch { Architecture.X64 => 24, Architecture.Arm64 => 16, _ => null }
        : null;

    /// <summary>The kind of file <paramref name="path"/> leads to.</summary>
    public static Kind KindOf(string path)
    {
        if (Stat(path) is { } buffer)
        {
            uint type = BitConverter.ToUInt32(buffer, ModeOffset!.Value) & TypeMask;
            return type == RegularType ? Kind.Regular : type == DirectoryType ? Kind.Directory : Kind.Special;
        }
        if (Directory.Exists(path)) return Kind.Directory;
        return File.Exists(path) ? Kind.Regular : Kind.Missing;
    }

    /// <summary>
    /// The identity of the file <paramref name="path"/> leads to, or, when there is none yet, of the name it would be
    /// created under (its directory's resolved path and its file name).
    /// </summary>
    public static Identity IdentityOf(string path)
    {
        string full = Path.GetFullPath(path);
        if (Stat(full) is { } buffer) return new Identity(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), null);
        return new Identity(0, 0, Resolve(full));
    }

    /// <summary>The full path with symbolic links resolved in every existing component (the final one too).</summary>
    private static string Resolve(string full)
    {
        string? directory = Path.GetDirectoryName(full);
        string name = Path.GetFileName(full);
        if (directory is null || name.Length == 0) return full;
        string resolvedDirectory = Resolve(directory);
        string joined = Path.Combine(resolvedDirectory, name);
        var info = new FileInfo(joined);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : joined;
    }

    /// <summary>The raw <c>struct stat</c> of <paramref name="path"/>, or null when it does not exist or stat is not available here.</summary>
    private static byte[]? Stat(string path)
    {
        if (ModeOffset is null) return null;
        var buffer = new byte[256]; // struct stat is 144 bytes on x64, 128 on arm64
        try
        {
            return NativeStat(path, buffer) == 0 ? buffer : null;
        }
        catch (EntryPointNotFoundException)
        {
            ModeOffset = null; // glibc before 2.33 exports stat only as __xstat: use the fallback from now on
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeStat(string path, byte[] buffer);
}
