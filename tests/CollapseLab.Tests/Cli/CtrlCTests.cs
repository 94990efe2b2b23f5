using CollapseLab.Tasks;
using System.Diagnostics;
using CollapseLab.Cli.Console;
using CollapseLab.Store;
using CollapseLab.Sweeps;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Cli;

/// <summary>Ctrl+C (SIGINT) to the real CLI in the middle of a sweep: the command's <see cref="CtrlC"/> stops it between runs.</summary>
public class CtrlCTests
{
    // Far more work than finishes before the signal, so there is a middle to interrupt.
    private const string Sweep = """
        task: gaussian
        parameters:
          workflow: {value: accumulate}
          dim: {value: 40}
          samples: {value: 1000}
          iterations: {value: 100}
          seeds: {value: "0-499"}
        """;

    [Fact]
    public void CtrlCDuringASweepKeepsFinishedRunsAndExitsCancelled()
    {
        using var directory = new TempDirectory();
        string sweep = directory.File("sweep.yaml"), store = directory.File("results.duckdb");
        File.WriteAllText(sweep, Sweep);
        int total = SweepFile.Load(sweep, TaskCatalog.BuiltIn).Expand().Count;

        using var process = new CollapseProcess("sweep", "run", sweep, "--store", store, "--threads", "2");
        // the sweep prints "… to run on N threads" once Ctrl+C is handled; before, SIGINT would end the process at once
        var clock = Stopwatch.StartNew();
        while (!process.StandardError.Contains(" to run on ") && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90))
            Thread.Sleep(20);
        Assert.False(process.HasExited, $"the sweep ended before it could be interrupted:\n{process.StandardError}");
        process.Interrupt();

        int code = process.Wait(TimeSpan.FromMinutes(2));
        Assert.True(code == ExitCodes.Cancelled, $"exit code {code}:\n{process.StandardError}");
        Assert.Contains($"cancelled: runs finished so far are in {store}; run the same command again to resume", process.StandardError);
        using var stored = ResultStore.OpenReadOnly(store);
        Assert.InRange(stored.CompletedRunIds().Count, 0, total - 1);
    }
}
