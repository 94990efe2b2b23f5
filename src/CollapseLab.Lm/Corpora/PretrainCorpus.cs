using System.Security.Cryptography;
using CollapseLab.Lm.Model;

namespace CollapseLab.Lm.Corpora;

/// <summary>A general-text corpus for pretraining the base model: documents of plain text and their hash.</summary>
public sealed class PretrainCorpus
{
    /// <summary>Where it came from (for logs and checkpoint metadata).</summary>
    public string Name { get; }

    /// <summary>The documents, plain text; each is followed by end-of-text in the token stream.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>SHA-256 (hex) of the byte-level token stream: a base model (and a BPE) is cached per corpus content, not per path.</summary>
    public string Sha256 { get; }

    /// <summary>The corpus of <paramref name="texts"/>, hashed now; <paramref name="name"/> says where it came from.</summary>
    public PretrainCorpus(string name, IReadOnlyList<string> texts)
    {
        Name = name;
        Texts = texts;
        var tokens = Tokens(ByteTokenizer.Instance);
        var bytes = new byte[tokens.Length * sizeof(long)];
        Buffer.BlockCopy(tokens, 0, bytes, 0, bytes.Length);
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The Brown Corpus from <paramref name="cache"/>.</summary>
    public static PretrainCorpus Brown(CorpusCache cache) => new($"{BrownCorpus.Package}@{BrownCorpus.Version}", BrownCorpus.Read(cache.BrownArchive));

    /// <summary>Every text file under <paramref name="directory"/>.</summary>
    public static PretrainCorpus FromDirectory(string directory) => new(Path.GetFullPath(directory), TextDirectory.Read(directory));

    /// <summary>All texts as one token stream of <paramref name="tokenizer"/>, each text's tokens followed by end-of-text.</summary>
    public long[] Tokens(Tokenizer tokenizer)
    {
        var stream = new List<long>(Texts.Sum(t => t.Length + 1));
        foreach (var text in Texts) stream.AddRange(tokenizer.Encode(text));
        return stream.ToArray();
    }

    /// <summary>
    /// <paramref name="count"/> windows of <paramref name="length"/> tokens of <see cref="Tokens"/> in <paramref name="tokenizer"/>, evenly spaced from its
    /// start to its end (no random draw: the same text for every run); fewer when the stream is shorter than that many windows.
    /// </summary>
    public IReadOnlyList<long[]> Windows(int count, int length, Tokenizer tokenizer)
    {
        var stream = Tokens(tokenizer);
        if (stream.Length < length) return [stream];
        int windows = (int)Math.Min(count, stream.Length / length);
        long span = stream.Length - length;
        return Enumerable.Range(0, windows)
            .Select(i => stream.AsSpan((int)(windows == 1 ? 0 : span * i / (windows - 1)), length).ToArray())
            .ToArray();
    }
}
