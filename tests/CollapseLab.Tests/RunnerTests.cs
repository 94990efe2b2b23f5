using CollapseLab.Running;

namespace CollapseLab.Tests;

/// <summary>Runner.Map (CollapseLab.Running; here, not in Running/, so that the namespace does not hide it from other tests).</summary>
public class RunnerTests
{
    /// <summary>Cancelled before any worker starts (a Ctrl+C right as a sweep begins): the documented exception, no item run.</summary>
    [Fact]
    public void CancelledBeforeTheStartThrowsOperationCanceledAndRunsNothing()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        int ran = 0;
        var error = Record.Exception(() => Runner.Map(Enumerable.Range(0, 100).ToArray(), i => Interlocked.Increment(ref ran), threads: 4, cancellation: cancellation.Token));
        Assert.IsType<OperationCanceledException>(error);
        Assert.Equal(0, ran);
    }

    [Fact]
    public void CancelledMidwayKeepsTheResultsOfStartedItemsOnly()
    {
        using var cancellation = new CancellationTokenSource();
        var heard = new List<int>();
        Assert.Throws<OperationCanceledException>(() => Runner.Map(Enumerable.Range(0, 100).ToArray(), i => i, threads: 1,
            completed: i => { heard.Add(i); if (i == 9) cancellation.Cancel(); }, cancellation: cancellation.Token));
        Assert.Equal(Enumerable.Range(0, 10), heard);
    }
}
