namespace CollapseLab.Cli.Console;

/// <summary>Invalid input that is not a task or workflow parameter (a file, an option combination); exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
