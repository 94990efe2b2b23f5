namespace CollapseLab.Lm.Model;

/// <summary>Byte-level tokens: the 256 byte values of UTF-8 text plus one end-of-text token (the default tokenizer).</summary>
public sealed class ByteTokenizer : Tokenizer
{
    /// <summary>Its <c>--tokenizer</c> name.</summary>
    public const string Name = "bytes";

    /// <summary>The one instance (it has no state).</summary>
    public static ByteTokenizer Instance { get; } = new();

    private ByteTokenizer()
    {
    }

    /// <summary>256 byte values plus <see cref="Tokenizer.EndOfText"/>: 257.</summary>
    public override int VocabularySize => EndOfText + 1;

    /// <summary>Null: byte-level base models keep the cache keys they had before tokenizers were a parameter.</summary>
    public override string? CacheKey => null;

    /// <inheritdoc/>
    public override long[] Encode(ReadOnlySpan<byte> utf8, bool end = true)
    {
        var tokens = new long[utf8.Length + (end ? 1 : 0)];
        for (int i = 0; i < utf8.Length; i++) tokens[i] = utf8[i];
        if (end) tokens[^1] = EndOfText;
        return tokens;
    }

    /// <inheritdoc/>
    public override byte[]? Decode(ReadOnlySpan<long> tokens)
    {
        var bytes = new byte[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] is < 0 or >= EndOfText) return null;
            bytes[i] = (byte)tokens[i];
        }
        return bytes;
    }
}
