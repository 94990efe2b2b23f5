namespace CollapseLab.Tasks.External;

/// <summary>
/// A step of an external run failed: its program exited non-zero, timed out, could not start, or wrote output that
/// breaks the protocol. The run is recorded as failed with this message; other runs go on.
/// </summary>
public sealed class ExternalStepException(string message) : Exception(message);
