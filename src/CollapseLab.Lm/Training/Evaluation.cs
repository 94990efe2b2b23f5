using CollapseLab.Lm.Model;
using static TorchSharp.torch;

namespace CollapseLab.Lm.Training;

/// <summary>Held-out cross-entropy.</summary>
public static class Evaluation
{
    private const int BatchSize = 32;

    /// <summary>
    /// Mean token cross-entropy (nats) of <paramref name="model"/> on <paramref name="sequences"/> (token sequences
    /// ending in end-of-text): the sum over every predicted token, end-of-text included, over the number of tokens.
    /// </summary>
    public static double MeanLoss(Gpt model, IReadOnlyList<long[]> sequences)
    {
        if (sequences.Count == 0) return double.NaN;
        using var _ = no_grad();
        model.eval();
        var device = model.parameters().First().device;
        // Similar lengths share a batch, so little arithmetic goes to padding; the order is fixed, so the sum is too.
        var byLength = sequences.OrderBy(s => s.Length).ToArray();
        double total = 0;
        long tokens = 0;
        for (int start = 0; start < byLength.Length; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var batch = byLength.AsSpan(start, Math.Min(BatchSize, byLength.Length - start)).ToArray();
            var (input, target) = DocumentBatch.Build(batch, device);
            total += model.Loss(input, target, sum: true).to(ScalarType.Float64).item<double>();
            tokens += batch.Sum(s => (long)s.Length);
        }
        return total / tokens;
    }

    /// <summary>
    /// A mean token cross-entropy <paramref name="natsPerToken"/> over <paramref name="tokens"/> tokens of text that is
    /// <paramref name="bytes"/> UTF-8 bytes long, in bits per byte: the total nats over the bytes, over ln 2. Tokenizers
    /// that cut the same text differently compare on it.
    /// </summary>
    public static double BitsPerByte(double natsPerToken, long tokens, long bytes) => natsPerToken * tokens / bytes / Math.Log(2);

    /// <summary>
    /// log p_model(s) of each sequence: minus the summed token cross-entropy, end-of-text included (one sequence at
    /// a time, so no padding enters and the result does not depend on the other sequences).
    /// </summary>
    public static double[] LogLikelihoods(Gpt model, IReadOnlyList<long[]> sequences)
    {
        using var _ = no_grad();
        model.eval();
        var device = model.parameters().First().device;
        var result = new double[sequences.Count];
        for (int i = 0; i < sequences.Count; i++)
        {
            using var scope = NewDisposeScope();
            var (input, target) = DocumentBatch.Build([sequences[i]], device);
            result[i] = -model.Loss(input, target, sum: true).to(ScalarType.Float64).item<double>();
        }
        return result;
    }
}
