using System.Globalization;
using System.Text;

namespace CollapseLab.Lm.Model;

/// <summary>
/// A byte-level byte-pair encoding (<c>--tokenizer bpe</c>): the 256 byte tokens, end-of-text, and merges learnt on the
/// pretraining corpus by <see cref="BpeLearner"/>. Encoding splits the bytes into <see cref="ByteChunks"/> and, in each,
/// applies the merges in the order they were learnt (the lowest-ranked adjacent pair first), which reproduces the
/// learner's segmentation of its corpus; decoding concatenates each token's bytes, so any byte string round-trips.
/// </summary>
public sealed class BpeTokenizer : Tokenizer
{
    /// <summary>Its <c>--tokenizer</c> name.</summary>
    public const string Name = "bpe";

    /// <summary>The merge file's first word and format version (a change of chunking or learning rule is a new version).</summary>
    private const string FormatTag = "collapselab-bpe-v1";

    private readonly Dictionary<long, int> _rank = new();
    private readonly byte[]?[] _bytes;

    /// <summary>The tokenizer of <paramref name="merges"/> (in learnt order) with ids below <paramref name="vocabularySize"/>.</summary>
    /// <exception cref="ArgumentException">More merges than the vocabulary holds, or a merge of an id not yet defined.</exception>
    public BpeTokenizer(IReadOnlyList<(int Left, int Right)> merges, int vocabularySize)
    {
        if (BpeLearner.FirstMergeToken + merges.Count > vocabularySize)
            throw new ArgumentException($"{merges.Count} merges do not fit a vocabulary of {vocabularySize}", nameof(merges));
        Merges = merges;
        VocabularySize = vocabularySize;
        // Ids after the last merge (a corpus too small to fill the vocabulary) spell nothing: decoding them fails.
        _bytes = new byte[]?[vocabularySize];
        for (int b = 0; b < 256; b++) _bytes[b] = [(byte)b];
        for (int k = 0; k < merges.Count; k++)
        {
            var (left, right) = merges[k];
            int token = BpeLearner.FirstMergeToken + k;
            if (left >= token || right >= token || _bytes[left] is not { } l || _bytes[right] is not { } r)
                throw new ArgumentException($"merge {k} ({left}, {right}) uses an id that is not a byte string before it", nameof(merges));
            _bytes[token] = [.. l, .. r];
            _rank[BpeLearner.Pack(left, right)] = k;
        }
    }

    /// <summary>The merges (left id, right id) in learnt order; merge k makes token 257 + k.</summary>
    public IReadOnlyList<(int Left, int Right)> Merges { get; }

    /// <inheritdoc/>
    public override int VocabularySize { get; }

    /// <summary>The format version and vocabulary size (the merges are a function of the corpus, already in the base's key).</summary>
    public override string CacheKey => $"{FormatTag}-{VocabularySize}";

    /// <inheritdoc/>
    public override long[] Encode(ReadOnlySpan<byte> utf8, bool end = true)
    {
        var tokens = new List<long>(utf8.Length / 2 + 1);
        foreach (var (start, length) in ByteChunks.Split(utf8))
        {
            var symbols = new int[length];
            for (int i = 0; i < length; i++) symbols[i] = utf8[start + i];
            foreach (int symbol in EncodeChunk(symbols)) tokens.Add(symbol);
        }
        if (end) tokens.Add(EndOfText);
        return tokens.ToArray();
    }

    /// <summary>One chunk's byte tokens merged: the adjacent pair merged first is always the one learnt earliest.</summary>
    private int[] EncodeChunk(int[] symbols)
    {
        while (symbols.Length > 1)
        {
            int best = int.MaxValue;
            for (int i = 0; i + 1 < symbols.Length; i++)
                if (_rank.TryGetValue(BpeLearner.Pack(symbols[i], symbols[i + 1]), out int rank) && rank < best)
                    best = rank;
            if (best == int.MaxValue) break;
            symbols = BpeLearner.Merge(symbols, Merges[best], BpeLearner.FirstMergeToken + best);
        }
        return symbols;
    }

    /// <inheritdoc/>
    public override byte[]? Decode(ReadOnlySpan<long> tokens)
    {
        var bytes = new List<byte>(tokens.Length * 3);
        foreach (long token in tokens)
        {
            if (token < 0 || token >= _bytes.Length || _bytes[token] is not { } spelt) return null;
            bytes.AddRange(spelt);
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// The tokenizer learnt on <paramref name="texts"/> (hash <paramref name="corpusSha256"/>) at
    /// <paramref name="vocabularySize"/>: read from <paramref name="directory"/> when learnt before, else learnt now and
    /// written there (beside, then renamed, so a concurrent reader never sees half a file). <paramref name="log"/> hears
    /// when it is learnt.
    /// </summary>
    public static BpeTokenizer LoadOrLearn(string directory, string corpusSha256, IReadOnlyList<string> texts, int vocabularySize, Action<string>? log = null)
    {
        string path = MergesPath(directory, corpusSha256, vocabularySize);
        string header = $"{FormatTag} vocabulary={vocabularySize} corpus={corpusSha256}";
        if (File.Exists(path))
        {
            var lines = File.ReadAllLines(path);
            if (lines.Length > 0 && lines[0] == header)
                return new BpeTokenizer(lines.Skip(1).Select(ParseMerge).ToArray(), vocabularySize);
        }
        log?.Invoke($"learning {vocabularySize - BpeLearner.FirstMergeToken} BPE merges on the pretraining corpus, once: cached as {path}");
        var merges = BpeLearner.Learn(texts.Select(Encoding.UTF8.GetBytes), vocabularySize);
        Directory.CreateDirectory(directory);
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllLines(temporary, merges.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Left} {m.Right}")).Prepend(header));
        File.Move(temporary, path, overwrite: true);
        return new BpeTokenizer(merges, vocabularySize);
    }

    /// <summary>The merge file of a corpus and vocabulary size in <paramref name="directory"/>.</summary>
    public static string MergesPath(string directory, string corpusSha256, int vocabularySize) =>
        Path.Combine(directory, $"bpe-{corpusSha256[..16]}-{vocabularySize}.txt");

    private static (int, int) ParseMerge(string line)
    {
        var parts = line.Split(' ');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
