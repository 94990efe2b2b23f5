namespace CollapseLab.Store;

/// <summary>
/// A results store that cannot be used as asked: not a store, a different schema version, in use by another
/// process, unreadable. Raised before anything is written, so the file is left as it was; the CLI exits with code 2.
/// </summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
