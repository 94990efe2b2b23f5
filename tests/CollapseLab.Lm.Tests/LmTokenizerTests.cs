using CollapseLab.Lm.Model;
using CollapseLab.Lm.Tests.Support;
using CollapseLab.Lm.Training;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Workflows;

namespace CollapseLab.Lm.Tests;

/// <summary>The setting with <c>--tokenizer bpe</c>: a BPE learnt on the fixture's pretraining corpus.</summary>
public class LmTokenizerTests(LmFixture fixture) : IClassFixture<LmFixture>
{
    private LmSetting Bpe(params (string Name, object Value)[] overrides) =>
        fixture.Setting([("tokenizer", "bpe"), ("vocab-size", 320), .. overrides]);

    private static RunResult Run(LmSetting setting, ulong seed, int iterations = 2) =>
        ((ITaskSetting)setting).Run(RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create("replace"), 12, iterations, seed));

    [Fact]
    public void ABpeRunCompletesAndIsBitIdenticalForTheSameSeed()
    {
        var setting = Bpe();
        var once = Run(setting, 5);
        Assert.True(once.Succeeded, once.Error);
        Assert.All(once.Metrics, m => Assert.True(double.IsFinite(m.Value), $"{m.Metric} at {m.Iteration} is {m.Value}"));
        Assert.Equal(once.Metrics.Select(m => m.Value), Run(Bpe(), 5).Metrics.Select(m => m.Value)); // a new setting: the cached BPE and base
        Assert.NotEqual(once.Metrics.Select(m => m.Value), Run(setting, 6).Metrics.Select(m => m.Value));
        Assert.Equal(320, setting.Config.Vocabulary);
        Assert.Equal(320, setting.Base.Config.Vocabulary);
    }

    /// <summary>
    /// Bits per byte under a BPE: the held-out nats per token times tokens over UTF-8 bytes over ln 2, with the BPE's
    /// tokens (fewer than the bytes, so a count of bytes as tokens would not pass).
    /// </summary>
    [Fact]
    public void BitsPerByteIsNatsPerTokenTimesTokensOverBytesOverLn2()
    {
        var setting = Bpe();
        var result = Run(setting, 4, iterations: 1);
        Assert.True(result.Succeeded, result.Error);
        double evalLoss = result.Metrics.Single(m => m.Metric == MetricNames.EvalLoss).Value;
        var validation = setting.Data.Validation.Items;
        long tokens = validation.Sum(d => (long)setting.Tokenizer.Encode(d.Text).Length);
        long bytes = validation.Sum(d => (long)System.Text.Encoding.UTF8.GetByteCount(d.Text));
        Assert.True(tokens < bytes * 2 / 3, $"{tokens} tokens for {bytes} bytes: the BPE hardly merged");
        Assert.Equal(evalLoss * tokens / bytes / Math.Log(2), result.Metrics.Single(m => m.Metric == MetricNames.EvalBitsPerByte).Value, 12);
    }

    [Fact]
    public void TheBaseOfABpeIsCachedApartFromTheBytesBase()
    {
        var bytes = fixture.Setting();
        var bpe = Bpe();
        Assert.NotEqual(bytes.BaseCheckpoint().Path, bpe.BaseCheckpoint().Path);
        Assert.NotEqual(bpe.BaseCheckpoint().Path, Bpe(("vocab-size", 300)).BaseCheckpoint().Path);
        Assert.IsType<BpeTokenizer>(bpe.Tokenizer);
        Assert.Same(ByteTokenizer.Instance, bytes.Tokenizer);
    }

    [Fact]
    public void TheTokenizerIsRecordedWithEveryRunAndTheVocabularySizeOnlyAwayFromItsDefault()
    {
        Assert.Contains(fixture.Setting().Parameters.Canonical, p => p.Key == "tokenizer" && p.Value == "bytes");
        var bpeAtDefaultSize = fixture.Setting(("tokenizer", "bpe")).Parameters.Canonical;
        Assert.Contains(bpeAtDefaultSize, p => p.Key == "tokenizer" && p.Value == "bpe");
        Assert.DoesNotContain(bpeAtDefaultSize, p => p.Key == "vocab-size"); // as runs made with --tokenizer bpe before it was the default
        Assert.Contains(Bpe().Parameters.Canonical, p => p.Key == "vocab-size" && p.Value == "320");
        var error = Assert.Throws<InvalidParameterException>(() => fixture.Setting(("vocab-size", 512)));
        Assert.Equal("vocab-size", error.Parameter);
        Assert.Throws<InvalidParameterException>(() => fixture.Setting(("tokenizer", "words")));
    }

    /// <summary>Documents are dropped by their length in the tokenizer's tokens: at a context shorter than every document's bytes, the BPE keeps them all.</summary>
    [Fact]
    public void TheContextCountsTheTokenizersTokens()
    {
        Assert.Throws<InvalidParameterException>(() => fixture.Setting(("context", 40), ("eval-docs", 4)).Data);
        var bpe = Bpe(("context", 40), ("eval-docs", 4));
        Assert.Equal(0, bpe.Data.Dropped);
        Assert.All(bpe.Data.Pool.Items, d => Assert.True(bpe.Tokenizer.Encode(d.Text).Length <= 40));
    }
}
