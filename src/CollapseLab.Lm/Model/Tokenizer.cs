using System.Text;

namespace CollapseLab.Lm.Model;

/// <summary>
/// Turns UTF-8 text into the token ids a <see cref="Gpt"/> reads and writes, and back. Every tokenizer here is
/// byte-level: ids 0–255 are the byte values, <see cref="EndOfText"/> ends (and starts) every sequence, and any
/// further ids stand for byte strings, so every byte sequence, valid UTF-8 or not, encodes and decodes exactly.
/// </summary>
public abstract class Tokenizer
{
    /// <summary>The end-of-text token; also the first input token of every sequence.</summary>
    public const int EndOfText = 256;

    /// <summary>The <c>--tokenizer</c> names: <c>bytes</c> (the default) and <c>bpe</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [ByteTokenizer.Name, BpeTokenizer.Name];

    /// <summary>Token ids run from 0 to this, exclusive: the model's vocabulary.</summary>
    public abstract int VocabularySize { get; }

    /// <summary>
    /// What a base model's cache key adds for this tokenizer, or null for bytes (so byte-level checkpoints keep
    /// their keys).
    /// </summary>
    public abstract string? CacheKey { get; }

    /// <summary>The tokens of <paramref name="utf8"/> (any bytes), followed by end-of-text when <paramref name="end"/>.</summary>
    public abstract long[] Encode(ReadOnlySpan<byte> utf8, bool end = true);

    /// <summary>
    /// The bytes <paramref name="tokens"/> spell, or null when one of them spells none (end-of-text, or an id the
    /// tokenizer never assigned): decode(encode(x, end: false)) == x for every byte sequence x.
    /// </summary>
    public abstract byte[]? Decode(ReadOnlySpan<long> tokens);

    /// <summary>The tokens of <paramref name="text"/>'s UTF-8 bytes, followed by end-of-text when <paramref name="end"/>.</summary>
    public long[] Encode(string text, bool end = true) => Encode(Encoding.UTF8.GetBytes(text), end);
}
