namespace CollapseLab.Output;

/// <summary>
/// Writes a file so that it either appears complete or not at all: the content goes to a temporary file in
/// the same directory, which replaces the target only on <see cref="Commit"/>. Disposing without committing
/// deletes the temporary file. A target that is a device or FIFO (<c>/dev/null</c>, a named pipe) is written
/// through instead: renaming over it would replace the node with a regular file.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    /// <summary>Ends the name of the temporary file <c>.NAME.PID.tmp</c>.</summary>
    public const string TemporarySuffix = ".tmp";

    private readonly string? _temporary;
    private bool _committed;

    /// <summary>The full path of the target file.</summary>
    public string Path { get; }

    /// <summary>The stream to write to.</summary>
    public FileStream Stream { get; }

    /// <summary>
    /// Opens the temporary file now, so an unwritable target fails before any work is done, and removes temporary
    /// files that killed processes left for the same target.
    /// </summary>
    /// <exception cref="IOException">The directory does not exist or is not writable (also UnauthorizedAccessException).</exception>
    public AtomicFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(Path)) throw new IOException($"'{path}' is a directory");
        if (OutputPaths.IsSpecialFile(Path))
        {
            // opening a FIFO waits for its reader, as any writer to a pipe does
            Stream = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            return;
        }
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory)) throw new IOException($"directory '{directory}' does not exist");
        OutputPaths.RemoveStaleTemporaries(Path, TemporarySuffix);
        _temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}{TemporarySuffix}");
        Stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    /// <summary>Flushes to disk and moves the file into place (a device or FIFO: flushes what is left).</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: _temporary is not null);
        Stream.Dispose();
        if (_temporary is not null) File.Move(_temporary, Path, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the stream; without <see cref="Commit"/>, deletes the temporary file, so the target is as it was (a device or FIFO was written through).</summary>
    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed && _temporary is not null && File.Exists(_temporary)) File.Delete(_temporary);
    }
}
