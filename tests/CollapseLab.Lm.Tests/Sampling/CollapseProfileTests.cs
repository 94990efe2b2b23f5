using CollapseLab.Lm.Sampling;
using CollapseLab.Random;

namespace CollapseLab.Lm.Tests.Sampling;

public class CollapseProfileTests
{
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
