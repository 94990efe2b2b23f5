namespace CollapseLab.Lm.Model;

/// <summary>
/// Word-like chunks of a byte string, the units a <see cref="BpeTokenizer"/> merges within (never across), after
/// GPT-2's pre-tokenisation but on bytes, so any byte string splits: runs of letters (ASCII letters and every byte ≥ 0x80,
/// which keeps a UTF-8 character whole), of digits, of other ASCII symbols, or of whitespace; a letter, digit or
/// symbol run takes the one space before it (" the"), so a whitespace run leaves its last space to the word after it.
/// </summary>
public static class ByteChunks
{
    private enum Kind { Letter, Digit, Space, Symbol }

    private static Kind Of(byte b) => b switch
    {
        >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= 0x80 => Kind.Letter,
        >= (byte)'0' and <= (byte)'9' => Kind.Digit,
        (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f' => Kind.Space,
        _ => Kind.Symbol,
    };

    /// <summary>The chunks of <paramref name="text"/> as (start, length), in order; they cover it exactly.</summary>
    public static List<(int Start, int Length)> Split(ReadOnlySpan<byte> text)
    {
        var chunks = new List<(int, int)>();
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            if (text[i] == ' ' && i + 1 < text.Length && Of(text[i + 1]) != Kind.Space) i++; // " word": the space joins the word
            var kind = Of(text[i]);
            for (i++; i < text.Length && Of(text[i]) == kind; i++)
            {
            }
            // A whitespace run before a word leaves its last space to the word ("\n  x" → "\n ", " x"), as GPT-2's \s+(?!\S).
            if (kind == Kind.Space && i < text.Length && i - start > 1 && text[i - 1] == ' ') i--;
            chunks.Add((start, i - start));
        }
        return chunks;
    }
}
