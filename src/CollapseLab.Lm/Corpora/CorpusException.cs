namespace CollapseLab.Lm.Corpora;

/// <summary>A corpus that is missing, cannot be fetched, or cannot be read; the message says what to do.</summary>
public sealed class CorpusException(string message, Exception? inner = null) : Exception(message, inner);
