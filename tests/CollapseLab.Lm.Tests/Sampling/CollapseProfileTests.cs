using CollapseLab.Lm.Sampling;
using CollapseLab.Random;

namespace CollapseLab.Lm.Tests.Sampling;

public class CollapseProfileTests
{
    [Fact]
    public void QuantilesInterpolateBetweenOrderStatistics()
    {
        double[] values = [3, 1, 4, 1, 5, 9, 2, 6]; // sorted: 1 1 2 3 4 5 6 9
        Assert.Equal(1.0, CollapseProfile.Quantile(values, 0.05), 12); // h = 0.35, between 1 and 1
        Assert.Equal(3.5, CollapseProfile.Quantile(values, 0.50), 12); // h = 3.5, between 3 and 4
        Assert.Equal(6 + 0.65 * 3, CollapseProfile.Quantile(values, 0.95), 12); // h = 6.65, between 6 and 9
        Assert.Equal(9.0, CollapseProfile.Quantile(values, 1.0));
        Assert.Equal(42.0, CollapseProfile.Quantile([42.0], 0.05));
        Assert.True(double.IsNaN(CollapseProfile.Quantile([], 0.5)));
    }

    [Fact]
    public void Distinct2CountsDistinctWordBigramsOverAllBigrams()
    {
        // "a b a b" has bigrams (a,b) (b,a) (a,b); "a b" has (a,b); "x" none: 2 distinct of 4.
        Document[] documents = [new("p", "a b a b"), new("p", "a  b"), new("q", "x")];
        Assert.Equal(0.5, CollapseProfile.Distinct2(documents));
        Assert.True(double.IsNaN(CollapseProfile.Distinct2([new Document("p", "one")])));
    }

    [Fact]
    public void PromptEntropyIsInNats()
    {
        Assert.Equal(Math.Log(2), CollapseProfile.PromptEntropy([new("a", "x"), new("b", "x"), new("a", "y"), new("b", "y")]), 12);
        Assert.Equal(0.0, CollapseProfile.PromptEntropy([new("a", "x"), new("a", "y")]));
    }

    [Fact]
    public void MeanLengthIsInTokensWithoutEndOfText() =>
        Assert.Equal((19 + 2 + 19 + 4) / 2.0, // "user: a\nassistant: " is 19 bytes
             CollapseProfile.MeanLength([new("a", "bc"), new("a", "bcde")]));

    [Fact]
    public void MalformedFractionIsOverAllAttempts() =>
        Assert.Equal(0.6, new SampleOutcome([new("a", "b"), new("a", "c")], 5).MalformedFraction, 12);

    [Fact]
    public void DrawFollowsTheProbabilities()
    {
        float[] probabilities = [0.1f, 0f, 0.6f, 0.3f];
        var rng = new Rng(7);
        var counts = new int[4];
        const int n = 20_000;
        for (int i = 0; i < n; i++) counts[DocumentSampler.Draw(probabilities, rng)]++;
        Assert.Equal(0, counts[1]);
        for (int k = 0; k < 4; k++)
        {
            double p = probabilities[k], se = Math.Sqrt(p * (1 - p) / n);
            Assert.InRange((double)counts[k] / n, p - 4 * se, p + 4 * se);
        }
    }
}
