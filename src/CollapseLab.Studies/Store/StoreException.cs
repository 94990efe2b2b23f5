namespace CollapseLab.Store;

/// <summary>
/// A results store that cannot be used as asked: not a store, a different schema version, in use by another
/// process, unreadable. Raised before anything is written, so the file is left as it was; the CLI exits with code 2.
/// </summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The store is locked by another process (a running sweep), not unusable: a reader can wait or read its live snapshot.</summary>
    public bool InUse { get; init; }
}
