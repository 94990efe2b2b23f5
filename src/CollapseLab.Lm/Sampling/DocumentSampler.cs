using CollapseLab.Lm.Model;
using CollapseLab.Random;

namespace CollapseLab.Lm.Sampling;

/// <summary>Unconditional sampling of well-formed documents.</summary>
public static class DocumentSampler
{
    /// <summary>Sequences written side by side (rows of one batch).</summary>
    public const int BatchSize = 64;

    /// <summary>
    /// Samples documents from <paramref name="model"/> at <paramref name="temperature"/> until <paramref name="count"/>
    /// are well-formed (ended within the context and <see cref="DocumentFormat.Parse"/> accepts the bytes the tokens spell in
    /// <paramref name="tokenizer"/>), trying at
    /// most <paramref name="maxAttempts"/> sequences. Sequence i draws from the i-th stream split off
    /// <paramref name="rng"/>, so what it writes does not depend on how sequences are batched (up to rounding).
    /// </summary>
    /// <exception cref="SamplingException">Fewer than <paramref name="count"/> well-formed documents within the attempts.</exception>
    public static SampleOutcome Sample(Gpt model, Tokenizer tokenizer, int count, double temperature, int maxAttempts, Rng rng)
    {
        var kept = new List<Document>(count);
        int attempts = 0;
        while (kept.Count < count && attempts < maxAttempts)
        {
            int needed = count - kept.Count;
            int rows = Math.Min(Math.Min(BatchSize, maxAttempts - attempts), needed + needed / 4 + 4);
            var streams = Enumerable.Range(0, rows).Select(_ => rng.Split()).ToArray();
            var sequences = model.Generate(rows, temperature, (row, probabilities) => Draw(probabilities, streams[row]));
            foreach (var sequence in sequences)
            {
                attempts++;
                if (Decode(sequence, tokenizer) is { } document) kept.Add(document);
                if (kept.Count == count) break;
            }
        }
        if (kept.Count < count)
            throw new SamplingException($"the model wrote only {kept.Count} well-formed documents of the {count} needed in {attempts} attempts (the limit)");
        return new SampleOutcome(kept, attempts);
    }

    /// <summary>
    /// The document a sequence spells in <paramref name="tokenizer"/>, or null when it did not end (end-of-text), has a
    /// token that spells no bytes, or is not well-formed (its bytes are read as UTF-8, as <see cref="DocumentFormat.Parse"/> does).
    /// </summary>
    public static Document? Decode(long[] sequence, Tokenizer tokenizer)
    {
        if (sequence.Length == 0 || sequence[^1] != Tokenizer.EndOfText) return null;
        return tokenizer.Decode(sequence.AsSpan(..^1)) is { } bytes ? DocumentFormat.Parse(bytes) : null;
    }

    /// <summary>A token drawn from <paramref name="probabilities"/> by inversion of one uniform draw.</summary>
    public static int Draw(ReadOnlySpan<float> probabilities, Rng rng)
    {
        double total = 0;
        foreach (float p in probabilities) total += p;
        double u = rng.NextDouble() * total, cumulative = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            cumulative += probabilities[i];
            if (u < cumulative) return i;
        }
        // Rounding can leave u just above the last sum: take the last token with any mass.
        for (int i = probabilities.Length - 1; i >= 0; i--)
            if (probabilities[i] > 0) return i;
        return probabilities.Length - 1;
    }

    /// <summary>The most probable token (the first on ties).</summary>
    public static int Greedy(ReadOnlySpan<float> probabilities)
    {
        int best = 0;
        for (int i = 1; i < probabilities.Length; i++)
            if (probabilities[i] > probabilities[best]) best = i;
        return best;
    }
}
