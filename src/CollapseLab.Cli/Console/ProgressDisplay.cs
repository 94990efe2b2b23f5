using System.Diagnostics;
using Spectre.Console;

namespace CollapseLab.Cli.Console;

/// <summary>
/// Progress of a batch of runs on stderr: a live bar with ETA on a terminal, plain periodic lines when stderr
/// is redirected (Spectre.Console draws nothing then), so logs of long sweeps still show progress.
/// </summary>
public static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="work"/>, which calls its argument once per finished unit of <paramref name="total"/>.</summary>
    public static T Run<T>(string title, int total, Func<Action, T> work)
    {
        if (!System.Console.IsErrorRedirected && total > 0)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
            return console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var task = context.AddTask(title, maxValue: total);
                    return work(() => task.Increment(1));
                });
        }

        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        int done = 0;
        System.Console.Error.WriteLine($"{title}: {total} runs");
        var result = work(() =>
        {
            done++;
            if (done != total && clock.Elapsed - lastReport < PlainInterval) return;
            lastReport = clock.Elapsed;
            System.Console.Error.WriteLine(PlainLine(title, done, total, clock.Elapsed));
        });
        return result;
    }

    /// <summary>"title: 120/300 runs (40%), 0:12 elapsed, ETA 0:18".</summary>
    public static string PlainLine(string title, int done, int total, TimeSpan elapsed)
    {
        string eta = done == 0 ? "?" : Format(elapsed * ((double)(total - done) / done));
        return $"{title}: {done}/{total} runs ({100.0 * done / total:0}%), {Format(elapsed)} elapsed, ETA {eta}";
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t:mm\\:ss}" : $"{(int)t.TotalMinutes}:{t:ss}";
}
