using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Workflows;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Workflows;

/// <summary>Each reference workflow selects exactly the training data of docs/semantics.md §3.</summary>
public class WorkflowTests
{
    private const int N = 10;

    /// <summary>The pool before iteration t: real data and t − 1 synthetic generations of n samples.</summary>
    private static PoolEntry[] PoolBefore(int t) =>
        Enumerable.Range(0, t).Select(g => new PoolEntry(g == 0 ? Origin.Real : Origin.Synthetic, g, N)).ToArray();

    [Fact]
    public void EveryWorkflowTrainsIterationOneOnTheRealDataOnly()
    {
        foreach (var workflow in ExampleWorkflows.All)
        {
            var selection = workflow.Select(PoolBefore(1), 1, N, new Rng(1));
            var rows = selection.Parts.SelectMany(p => p.Rows ?? Enumerable.Range(0, N).ToArray(), (p, r) => (p.Entry, r)).ToArray();
            Assert.All(rows, x => Assert.Equal(0, x.Entry));
            Assert.Equal(Enumerable.Range(0, N), rows.Select(x => x.r).Order());
        }
    }

    [Fact]
    public void ReplaceTrainsOnTheNewestGeneration()
    {
        var selection = new Replace().Select(PoolBefore(5), 5, N, new Rng(1));
        Assert.Equal([new SelectionPart(4, null)], selection.Parts);
    }

    [Fact]
    public void AccumulateTrainsOnEveryGeneration()
    {
        var selection = new Accumulate().Select(PoolBefore(5), 5, N, new Rng(1));
        Assert.Equal(Enumerable.Range(0, 5).Select(e => new SelectionPart(e, null)), selection.Parts);
    }

    [Fact]
    public void AccumulateSubsampleDrawsNDistinctSamplesUniformlyFromThePool()
    {
        const int T = 4, Trials = 20_000;
        var counts = new int[T * N];
        for (int trial = 0; trial < Trials; trial++)
        {
            var selection = new AccumulateSubsample().Select(PoolBefore(T), T, N, new Rng((ulong)trial));
            var flat = selection.Parts.SelectMany(p => p.Rows!.Select(r => p.Entry * N + r)).ToArray();
            Assert.Equal(N, flat.Length);
            Assert.Equal(N, flat.Distinct().Count());
            foreach (int f in flat) counts[f]++;
        }
        // Each of the 40 pooled samples is chosen with probability n / (T n) = 1/4.
        double expected = Trials / 4.0, se = Math.Sqrt(Trials * 0.25 * 0.75);
        Assert.All(counts, c => Assert.InRange(c, expected - 4.5 * se, expected + 4.5 * se));
    }

    [Fact]
    public void UnknownWorkflowNamesTheAcceptedOnes()
    {
        var e = Assert.Throws<InvalidParameterException>(() => WorkflowCatalog.BuiltIn.Create("recycle"));
        Assert.Equal("workflow", e.Parameter);
        Assert.Contains("accumulate-subsample", e.Message);
    }
}
