namespace CollapseLab.Cli.Console;

/// <summary>The process exit codes of every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The work ran, but at least one run failed (its error is reported and stored), or <c>reproduce</c> left a task out (its data could not be fetched).</summary>
    public const int RunsFailed = 1;
    /// <summary>Invalid input: nothing was run and no file was written.</summary>
    public const int InvalidInput = 2;
    public const int Cancelled = 130;
}
