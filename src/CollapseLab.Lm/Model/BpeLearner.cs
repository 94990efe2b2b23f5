using System.Runtime.InteropServices;
using System.Text;

namespace CollapseLab.Lm.Model;

/// <summary>
/// Learns a byte-level BPE's merges (Sennrich et al. 2016; GPT-2's byte-level form): start from the 256 byte tokens,
/// then repeatedly merge the most frequent adjacent pair of tokens into a new token, within <see cref="ByteChunks"/>
/// (merges never cross a chunk). Ties go to the smallest (left, right) ids, so the merges are a pure function of the
/// texts and the vocabulary size.
/// </summary>
/// <remarks>
/// Pairs are counted over the distinct chunks weighted by how often each occurs (the Brown Corpus's 6 MB are about
/// 1.2 M chunks but only tens of thousands of distinct ones), and a merge updates the counts of only the chunks that
/// contain its pair: the pair's occurrences are indexed by chunk.
/// </remarks>
public static class BpeLearner
{
    /// <summary>The first id a merge gets: after the bytes and end-of-text.</summary>
    public const int FirstMergeToken = Tokenizer.EndOfText + 1;

    /// <summary>
    /// The merges (left id, right id), in the order learnt; merge k makes token <see cref="FirstMergeToken"/> + k. At most
    /// <paramref name="vocabularySize"/> − 257 of them; fewer when no adjacent pair is left to merge.
    /// </summary>
    public static List<(int Left, int Right)> Learn(IEnumerable<byte[]> texts, int vocabularySize)
    {
        var words = DistinctChunks(texts);
        var pairCounts = new Dictionary<long, long>();
        var chunksWithPair = new Dictionary<long, HashSet<int>>();
        for (int w = 0; w < words.Length; w++) CountPairs(words[w], w, +1, pairCounts, chunksWithPair);

        var merges = new List<(int, int)>();
        for (int token = FirstMergeToken; token < vocabularySize; token++)
        {
            if (MostFrequent(pairCounts) is not { } pair) break;
            merges.Add(Unpack(pair));
            foreach (int w in chunksWithPair[pair])
            {
                CountPairs(words[w], w, -1, pairCounts, chunksWithPair);
                words[w].Symbols = Merge(words[w].Symbols, Unpack(pair), token);
                CountPairs(words[w], w, +1, pairCounts, chunksWithPair);
            }
            chunksWithPair.Remove(pair); // no chunk holds it any more
        }
        return merges;
    }

    /// <summary><paramref name="symbols"/> with every non-overlapping occurrence of <paramref name="pair"/>, left to right, replaced by <paramref name="token"/>.</summary>
    public static int[] Merge(int[] symbols, (int Left, int Right) pair, int token)
    {
        var merged = new List<int>(symbols.Length);
        for (int i = 0; i < symbols.Length; i++)
        {
            if (i + 1 < symbols.Length && symbols[i] == pair.Left && symbols[i + 1] == pair.Right)
            {
                merged.Add(token);
                i++;
            }
            else
            {
                merged.Add(symbols[i]);
            }
        }
        return merged.ToArray();
    }

    /// <summary>A distinct chunk, as its current tokens, and how often it occurs in the texts.</summary>
    private sealed class Word(int[] symbols, long count)
    {
        public int[] Symbols { get; set; } = symbols;
        public long Count { get; } = count;
    }

    /// <summary>The chunk multiset: every distinct chunk once with its count, in ordinal order of its bytes.</summary>
    private static Word[] DistinctChunks(IEnumerable<byte[]> texts)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var (start, length) in ByteChunks.Split(text))
            {
                // Latin-1 maps each byte to one char, so the string is the byte string (any bytes), hashable.
                string key = Encoding.Latin1.GetString(text, start, length);
                CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
            }
        }
        return counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new Word(Encoding.Latin1.GetBytes(c.Key).Select(b => (int)b).ToArray(), c.Value))
            .ToArray();
    }

    /// <summary>Adds (<paramref name="sign"/> +1) or removes (−1) the adjacent pairs of word <paramref name="w"/>, weighted by its count.</summary>
    private static void CountPairs(Word word, int w, int sign, Dictionary<long, long> pairCounts, Dictionary<long, HashSet<int>> chunksWithPair)
    {
        var s = word.Symbols;
        for (int i = 0; i + 1 < s.Length; i++)
        {
            long pair = Pack(s[i], s[i + 1]);
            ref long count = ref CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, pair, out _);
            count += sign * word.Count;
            if (count == 0) pairCounts.Remove(pair);
            if (sign > 0)
            {
                if (!chunksWithPair.TryGetValue(pair, out var set)) chunksWithPair[pair] = set = [];
                set.Add(w);
            }
        }
    }

    /// <summary>The pair with the highest count, the smallest (left, right) among equals; null when none is left.</summary>
    private static long? MostFrequent(Dictionary<long, long> pairCounts)
    {
        long? best = null;
        long bestCount = 0;
        foreach (var (pair, count) in pairCounts)
        {
            if (count > bestCount || (count == bestCount && pair < best))
            {
                best = pair;
                bestCount = count;
            }
        }
        return best;
    }

    /// <summary>A pair as one key that orders as (left, right): ids are below 2³¹.</summary>
    internal static long Pack(int left, int right) => ((long)left << 32) | (uint)right;

    private static (int Left, int Right) Unpack(long pair) => ((int)(pair >> 32), (int)pair);
}
