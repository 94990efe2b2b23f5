namespace CollapseLab.Tasks;

/// <summary>Data a task setting needs by default cannot be fetched; the message says why and how to fix it.</summary>
public sealed class TaskDataException(string message, Exception? inner = null) : Exception(message, inner);
