namespace CollapseLab.Cli.Console;

/// <summary>The process exit codes of every command.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for ran and succeeded.</summary>
    public const int Success = 0;
    /// <summary>The work ran, but at least one run failed (its error is reported and stored), or <c>reproduce</c> left a task out (its data could not be fetched).</summary>
    public const int RunsFailed = 1;
    /// <summary>Invalid input: nothing was run and no file was written.</summary>
    public const int InvalidInput = 2;
    /// <summary>Cancelled (Ctrl+C): 128 + 2 (SIGINT), as shells report an interrupted command.</summary>
    public const int Cancelled = 130;
}
