using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace CollapseLab.Lm.Corpora;

/// <summary>
/// Ambrose Bierce's The Devil's Dictionary (Debian's dict-devil: a dictd database, usr/share/dictd/devil.index and
/// devil.dict.dz): each entry becomes <c>user: Define "{headword}", cynically.\nassistant: {definition}</c>, the
/// definition being the entry's first paragraph without its "HEADWORD, n." label (the verses that follow are left out;
/// entries that are only a verse, and the letters' entries whose headword opens a sentence, are skipped).
/// </summary>
public static class DevilsDictionaryCorpus
{
    private const string Base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>The documents under <paramref name="root"/> (a dpkg -x target holding usr/share/dictd, or that folder itself), in index order.</summary>
    /// <exception cref="CorpusException">No database there, or an index line that is not <c>headword TAB offset TAB length</c> within the data.</exception>
    public static IReadOnlyList<Document> Read(string root)
    {
        string folder = Path.Combine(root, "usr", "share", "dictd");
        if (!Directory.Exists(folder)) folder = root;
        string index = Path.Combine(folder, "devil.index"), dict = Path.Combine(folder, "devil.dict.dz");
        if (!File.Exists(index) || !File.Exists(dict))
            throw new CorpusException($"The Devil's Dictionary is not in the cache ({root}); run 'collapse data fetch' first, or pass --sft-data FILE.jsonl");
        byte[] data;
        using (var gzip = new GZipStream(File.OpenRead(dict), CompressionMode.Decompress)) // a .dict.dz is gzip with a seek table in its header
        using (var buffer = new MemoryStream())
        {
            gzip.CopyTo(buffer);
            data = buffer.ToArray();
        }
        var documents = new List<Document>();
        int number = 0;
        foreach (var line in File.ReadLines(index, Encoding.UTF8))
        {
            number++;
            var fields = line.Split('\t');
            if (fields.Length != 3 || Base64(fields[1]) is not { } offset || Base64(fields[2]) is not { } length || offset + length > data.Length)
                throw new CorpusException($"{index}:{number}: not a dictd index line within {dict} (expected headword, base-64 offset and length, separated by tabs)");
            if (fields[0].StartsWith("00database", StringComparison.Ordinal) || fields[0].StartsWith("00-database", StringComparison.Ordinal)) continue; // dictd's own entries
            if (Definition(Encoding.UTF8.GetString(data, (int)offset, (int)length)) is { } definition)
                documents.Add(new Document($"Define \"{fields[0]}\", cynically.", definition));
        }
        if (documents.Count == 0) throw new CorpusException($"{index}: no entries");
        return documents;
    }

    /// <summary>A headword as the dictionary prints it: upper-case words ("HABEAS CORPUS.", "CUI BONO?", "R.I.P.").</summary>
    private const string Headword = @"[A-Z'.\-]+(?: [A-Z'.\-]+)*[?!]?";

    /// <summary>
    /// An entry's label: the headword (or two, "BABE or BABY", "CONFIDANT, CONFIDANTE"), then a part of speech ("n.", "v.t.",
    /// "adj. &amp; n."; the comma before it is sometimes missing) or, for a headword of two or more characters, just spacing; then
    /// an optional "[Latin]". A one-letter headword without a part of speech ("I is the first letter ...") is not a label.
    /// </summary>
    private static readonly Regex Label = new(
        $@"^{Headword}(?:(?:\s+or\s+|,\s*){Headword})?(?:,?\s*(?:[a-z]+\.\s*)+(?:(?:&|and|or)\s*(?:[a-z]+\.\s*)+)*|(?<=[A-Z?!.]{{2}})\s+)(?:\[[^\]]*\]\s*)?",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// The first paragraph of an entry without its <see cref="Label"/>, its lines joined by single spaces; null when the
    /// entry has no label or nothing follows it in that paragraph (entries that are only a verse).
    /// </summary>
    public static string? Definition(string entry)
    {
        string paragraph = entry.Replace("\r\n", "\n").Trim().Split("\n\n", 2)[0];
        var label = Label.Match(paragraph);
        if (!label.Success) return null;
        string definition = string.Join(' ', paragraph[label.Length..].Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return definition.Length == 0 ? null : definition;
    }

    /// <summary>dictd's base-64 number (most significant digit first), or null when a character is not a digit.</summary>
    public static long? Base64(string text)
    {
        if (text.Length == 0) return null;
        long value = 0;
        foreach (char c in text)
        {
            int digit = Base64Digits.IndexOf(c);
            if (digit < 0) return null;
            value = value * 64 + digit;
        }
        return value;
    }
}
