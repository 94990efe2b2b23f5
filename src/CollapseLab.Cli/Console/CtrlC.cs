namespace CollapseLab.Cli.Console;

/// <summary>
/// Ctrl+C while a command works: instead of killing the process, cancels <see cref="Token"/>, so the command stops
/// between runs, keeps what finished (a store stays resumable) and exits with <see cref="ExitCodes.Cancelled"/>.
/// Disposing restores the default, so a Ctrl+C after the command's work ends the process at once.
/// </summary>
public sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly ConsoleCancelEventHandler _handler;

    /// <summary>Starts listening for Ctrl+C.</summary>
    public CtrlC()
    {
        _handler = (_, e) =>
        {
            e.Cancel = true;
            _cancellation.Cancel();
        };
        System.Console.CancelKeyPress += _handler;
    }

    /// <summary>Cancelled at the first Ctrl+C.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>Stops listening: a later Ctrl+C ends the process.</summary>
    public void Dispose()
    {
        System.Console.CancelKeyPress -= _handler;
        _cancellation.Dispose();
    }
}
