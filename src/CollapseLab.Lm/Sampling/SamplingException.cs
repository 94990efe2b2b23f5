namespace CollapseLab.Lm.Sampling;

/// <summary>A model that does not write enough well-formed documents within the allowed attempts; ends its run.</summary>
public sealed class SamplingException(string message) : Exception(message);
