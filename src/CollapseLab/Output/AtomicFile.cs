namespace CollapseLab.Output;

/// <summary>
/// Writes a file so that it either appears complete or not at all: the content goes to a temporary file in
/// the same directory, which replaces the target only on <see cref="Commit"/>. Disposing without committing
/// deletes the temporary file.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private readonly string _temporary;
    private bool _committed;

    public string Path { get; }

    /// <summary>The stream to write to.</summary>
    public FileStream Stream { get; }

    /// <summary>Opens the temporary file now, so an unwritable target fails before any work is done.</summary>
    /// <exception cref="IOException">The directory does not exist or is not writable (also UnauthorizedAccessException).</exception>
    public AtomicFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(Path)) throw new IOException($"'{path}' is a directory");
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory)) throw new IOException($"directory '{directory}' does not exist");
        _temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}.tmp");
        Stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    /// <summary>Flushes to disk and moves the file into place.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(_temporary, Path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed && File.Exists(_temporary)) File.Delete(_temporary);
    }
}
