using CollapseLab.Lm.Model;
using CollapseLab.Lm.Sampling;
using CollapseLab.Lm.Training;
using CollapseLab.Random;
using static TorchSharp.torch;

namespace CollapseLab.Lm.Tests.Model;

public class GptTests
{
    private static readonly string[] Handful =
    [
        "user: cat\nassistant: the cat sleeps.",
        "user: dog\nassistant: the dog barks at the moon.",
        "user: owl\nassistant: who?",
        "user: fish\nassistant: blub blub.",
    ];

    private static long[][] Sequences => Handful.Select(t => ByteTokenizer.Instance.Encode(t)).ToArray();

    private static Gpt Random(ulong seed, GptConfig? config = null)
    {
        TorchRuntime.Configure(1, "cpu");
        return new Gpt(config ?? GptConfig.Tiny, new Rng(seed));
    }

    /// <summary>A tiny model fitted to the handful until it writes them; shared read-only by the tests that sample.</summary>
    private static readonly Lazy<Gpt> Overfitted = new(() =>
    {
        var model = Random(1);
        FineTuner.Train(model, Sequences, new FineTuneOptions(Epochs: 150, LearningRate: 1e-2, BatchSize: 4, WarmupSteps: 5), new Rng(2));
        return model;
    });

    [Theory]
    [InlineData("tiny")]
    [InlineData("small")]
    [InlineData("medium")]
    public void ParameterCountMatchesTheModule(string preset)
    {
        var config = preset switch { "tiny" => GptConfig.Tiny, "small" => GptConfig.Small, _ => GptConfig.Medium };
        using var model = Random(0, config);
        Assert.Equal(model.parameters().Sum(p => p.numel()), config.ParameterCount);
    }

    [Fact]
    public void SmallPresetHasAboutEightHundredThousandParameters() =>
        Assert.InRange(GptConfig.Small.ParameterCount, 750_000, 900_000);

    [Theory]
    [InlineData(2, 30, 4, 64, "width")]
    [InlineData(2, 32, 4, 15, "context")]
    [InlineData(0, 32, 4, 64, "layers")]
    public void ImpossibleShapesAreNamed(int layers, int width, int heads, int context, string field)
    {
        var problem = new GptConfig(layers, width, heads, context).Problem();
        Assert.NotNull(problem);
        Assert.Equal(field, problem.Value.Field);
        Assert.Throws<ArgumentException>(() => new Gpt(new GptConfig(layers, width, heads, context)));
    }

    [Fact]
    public void TinyModelOverfitsAHandfulOfDocuments()
    {
        using var model = Random(1);
        double before = Evaluation.MeanLoss(model, Sequences);
        var losses = FineTuner.Train(model, Sequences, new FineTuneOptions(Epochs: 150, LearningRate: 1e-2, BatchSize: 4, WarmupSteps: 5), new Rng(2));
        double after = Evaluation.MeanLoss(model, Sequences);
        Assert.InRange(before, 5.0, 6.0); // ≈ ln 257 for a fresh model
        Assert.True(after < 0.3, $"loss fell only from {before:0.000} to {after:0.000}");
        Assert.True(losses[^1] < losses[0] / 5);
    }

    [Fact]
    public void OverfittedModelWritesItsDocumentsGreedily()
    {
        var model = Overfitted.Value;
        var written = model.Generate(1, 1.0, (_, p) => DocumentSampler.Greedy(p));
        var document = DocumentSampler.Decode(written[0], ByteTokenizer.Instance);
        Assert.NotNull(document);
        Assert.Contains(document.Text, Handful);
    }

    [Fact]
    public void GreedySamplesAreIdenticalWithAndWithoutTheKvCache()
    {
        var model = Overfitted.Value;
        var cached = model.Generate(3, 1.0, (_, p) => DocumentSampler.Greedy(p), useCache: true);
        var uncached = model.Generate(3, 1.0, (_, p) => DocumentSampler.Greedy(p), useCache: false);
        Assert.Equal(uncached, cached);
        using var fresh = Random(5); // never writes end-of-text: the whole context, through every cache position
        Assert.Equal(fresh.Generate(2, 1.0, (_, p) => DocumentSampler.Greedy(p), useCache: false),
            fresh.Generate(2, 1.0, (_, p) => DocumentSampler.Greedy(p), useCache: true));
    }

    [Fact]
    public void SampledSequencesOfDifferentLengthsAgreeWithAndWithoutTheKvCache()
    {
        // Rows end at different steps, so the cached batch is compacted; each row keeps its own stream.
        var model = Overfitted.Value;
        long[][] Write(bool cache)
        {
            var streams = Enumerable.Range(0, 12).Select(i => Rng.For(9, RngStream.Sample, i)).ToArray();
            return model.Generate(12, 1.5, (row, p) => DocumentSampler.Draw(p, streams[row]), cache);
        }
        var cached = Write(true);
        Assert.True(cached.Select(s => s.Length).Distinct().Count() > 2, "the rows should end at different steps");
        Assert.Equal(Write(false), cached);
    }

    [Fact]
    public void ASequenceDoesNotDependOnTheOthersInItsBatch()
    {
        var model = Overfitted.Value;
        long[][] Write(int rows) =>
            model.Generate(rows, 2.0, (row, p) => DocumentSampler.Draw(p, Rng.For(11, RngStream.Sample, row)));
        var large = Write(40);
        Assert.Equal(Write(7), large[..7]);
    }

    [Fact]
    public void CachedLogitsMatchAFullForwardPass()
    {
        using var model = Random(3);
        using var _ = no_grad();
        var tokens = ByteTokenizer.Instance.Encode(Handful[1]);
        using var idx = tensor(tokens, [1, tokens.Length]);
        using var full = model.Forward(idx);
        using var cache = new KvCache(model.Config, 1, CPU);
        for (int i = 0; i < tokens.Length; i++)
        {
            using var step = model.Forward(idx.narrow(1, i, 1), cache);
            double difference = (step.select(1, 0) - full.select(1, i)).abs().max().item<float>();
            Assert.True(difference < 1e-4, $"position {i}: {difference}");
        }
    }

    [Fact]
    public void SequencesLongerThanTheContextAreRefused()
    {
        using var model = Random(0);
        var tooLong = Enumerable.Repeat((long)'a', model.Config.Context + 1).ToArray();
        Assert.Throws<ArgumentException>(() => FineTuner.Train(model, [tooLong], new FineTuneOptions(), new Rng(0)));
    }

    [Fact]
    public void EveryDocumentIsInExactlyOneBatchOfAnEpoch()
    {
        var sequences = Enumerable.Range(1, 300).Select(n => new long[n % 97 + 1]).ToArray();
        var batches = FineTuner.Batches(sequences, 16, new Rng(4));
        Assert.Equal(sequences.Length, batches.Sum(b => b.Length));
        Assert.Equal(sequences.OrderBy(s => s.GetHashCode()), batches.SelectMany(b => b).OrderBy(s => s.GetHashCode()));
        Assert.All(batches, b => Assert.InRange(b.Length, 1, 16));
        double padding = batches.Sum(b => b.Length * b.Max(s => s.Length) - b.Sum(s => s.Length)) / (double)sequences.Sum(s => s.Length);
        Assert.True(padding < 0.2, $"padding {padding:P0} of the tokens"); // random batches of these lengths pad nearly as many tokens as they hold
    }
}
