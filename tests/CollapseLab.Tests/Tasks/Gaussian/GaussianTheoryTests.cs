using CollapseLab.Workflows;
using CollapseLab.Tasks.Gaussian;

namespace CollapseLab.Tests.Tasks.Gaussian;

/// <summary>The closed forms reproduce the table of docs/semantics.md §5 (d = 1, n = 10).</summary>
public class GaussianTheoryTests
{
    [Theory]
    [InlineData("replace", new[] { 0.1000, 0.1900, 0.4095, 0.6513 }, new[] { 0.9000, 0.8100, 0.5905, 0.3487 })]
    [InlineData("accumulate", new[] { 0.1000, 0.1225, 0.1411, 0.1485 }, new[] { 0.9000, 0.8775, 0.8589, 0.8515 })]
    [InlineData("accumulate-subsample", new[] { 0.1000, 0.1687, 0.2207, 0.2402 }, new[] { 0.9000, 0.8313, 0.7793, 0.7598 })]
    public void MatchesTheTable(string workflow, double[] meanSqError, double[] traceRatio)
    {
        int[] iterations = [1, 2, 5, 10];
        for (int i = 0; i < iterations.Length; i++)
        {
            Assert.Equal(meanSqError[i], GaussianTheory.MeanSqError(WorkflowCatalog.BuiltIn.Create(workflow), 1, 10, 1.0, iterations[i])!.Value, 4);
            Assert.Equal(traceRatio[i], GaussianTheory.TraceRatio(WorkflowCatalog.BuiltIn.Create(workflow), 10, iterations[i])!.Value, 4);
        }
    }

    [Fact]
    public void AccumulateTraceRatioTendsToTheSineLimit()
    {
        int n = 10;
        double limit = Math.Sin(Math.PI / Math.Sqrt(n)) / (Math.PI / Math.Sqrt(n));
        Assert.Equal(limit, GaussianTheory.TraceRatio(new Accumulate(), n, 100_000)!.Value, 4);
        Assert.True(GaussianTheory.MeanSqError(new Accumulate(), 1, n, 1, 100_000) <= Math.PI * Math.PI / 6 / n);
    }
}
