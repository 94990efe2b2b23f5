using System.Text;

namespace CollapseLab.Lm.Model;

/// <summary>Byte-level tokens: the 256 byte values of UTF-8 text plus one end-of-text token.</summary>
public static class ByteTokenizer
{
    /// <summary>The end-of-text token; also the first input token of every sequence.</summary>
    public const int EndOfText = 256;

    /// <summary>256 byte values plus <see cref="EndOfText"/>.</summary>
    public const int VocabularySize = 257;

    /// <summary>The tokens of <paramref name="text"/>, followed by end-of-text when <paramref name="end"/>.</summary>
    public static long[] Encode(string text, bool end = true)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new long[bytes.Length + (end ? 1 : 0)];
        for (int i = 0; i < bytes.Length; i++) tokens[i] = bytes[i];
        if (end) tokens[^1] = EndOfText;
        return tokens;
    }
}
