using System.Text;
using CollapseLab.Lm.Model;

namespace CollapseLab.Lm.Tests.Model;

public class BpeTokenizerTests
{
    private static readonly string[] Words = ["the", "cat", "sat", "on", "mat", "mississippi", "aaaa", "café", "naïve", "42", "1999", "user:", "assistant:"];

    /// <summary>A small corpus with repeats, overlapping pairs ("aaaa", "ssiss"), multi-byte UTF-8 and runs of whitespace.</summary>
    private static string[] Corpus()
    {
        var rng = new System.Random(11);
        return Enumerable.Range(0, 60).Select(_ =>
        {
            var text = new StringBuilder();
            for (int w = 0; w < 30; w++)
                text.Append(Words[rng.Next(Words.Length)]).Append(rng.Next(8) switch { 0 => "\n", 1 => "  ", 2 => ", ", 3 => "!\n\n  ", _ => " " });
            return text.ToString();
        }).ToArray();
    }

    private static byte[][] CorpusBytes() => Corpus().Select(Encoding.UTF8.GetBytes).ToArray();

    [Fact]
    public void ChunksAreWordsWithTheirLeadingSpaceAndNeverMixKinds()
    {
        var text = Encoding.UTF8.GetBytes("user: What is  it?\n\n  café 42x\xFF!");
        var chunks = ByteChunks.Split(text).Select(c => Encoding.Latin1.GetString(text, c.Start, c.Length)).ToArray();
        string Latin1(string s) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(s));
        Assert.Equal(["user", ":", " What", " is", " ", " it", "?", "\n\n ", Latin1(" café"), " 42", "x" + Latin1("\xFF"), "!"], chunks);
    }

    [Fact]
    public void EveryByteSequenceRoundTripsIncludingInvalidUtf8()
    {
        var tokenizer = new BpeTokenizer(BpeLearner.Learn(CorpusBytes(), 400), 400);
        var corpus = string.Concat(Corpus());
        var rng = new System.Random(5);
        int shorter = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] bytes;
            if (trial % 2 == 0)
            {
                bytes = new byte[rng.Next(0, 80)];
                rng.NextBytes(bytes); // mostly invalid UTF-8
            }
            else
            {
                // Real text cut at any byte (splitting multi-byte characters), with stray continuation and lead bytes.
                var text = Encoding.UTF8.GetBytes(corpus.Substring(rng.Next(corpus.Length - 100), 100));
                bytes = [.. text[rng.Next(3)..^rng.Next(3)], 0x80, .. text[..10], 0xC3, 0xFF];
            }
            var tokens = tokenizer.Encode(bytes, end: false);
            Assert.Equal(bytes, tokenizer.Decode(tokens));
            var ended = tokenizer.Encode(bytes);
            Assert.Equal([.. tokens, Tokenizer.EndOfText], ended);
            Assert.Null(tokenizer.Decode(ended)); // end-of-text spells no bytes
            if (tokens.Length < bytes.Length) shorter++;
        }
        Assert.True(shorter >= 200, $"only {shorter} of 400 sequences were compressed: the merges did not fire");
    }

    [Fact]
    public void RealTextRoundTripsInFewerTokensThanBytes()
    {
        var tokenizer = new BpeTokenizer(BpeLearner.Learn(CorpusBytes(), 400), 400);
        foreach (var text in new[] { "user: What does the noun \"café\" mean?\nassistant: a small restaurant", "the cat sat on the mat, 1999 times!\n" })
        {
            var tokens = tokenizer.Encode(text, end: false);
            Assert.Equal(Encoding.UTF8.GetBytes(text), tokenizer.Decode(tokens));
            Assert.True(tokens.Length < Encoding.UTF8.GetByteCount(text));
        }
    }

    [Fact]
    public void TheMergesAreThoseOfTheBruteForceLearnerAndEncodingReproducesItsSegmentation()
    {
        var texts = CorpusBytes();
        var (merges, segmentation) = BruteForceLearn(texts, 360);
        Assert.Equal(merges, BpeLearner.Learn(texts, 360));
        var tokenizer = new BpeTokenizer(merges, 360);
        Assert.Equal(segmentation, texts.SelectMany(t => tokenizer.Encode(t, end: false)).ToArray());
    }

    [Fact]
    public void TheMergesArePureFunctionsOfTheCorpusMultisetAndSize()
    {
        var texts = CorpusBytes();
        var once = BpeLearner.Learn(texts, 300);
        Assert.Equal(300 - 257, once.Count);
        Assert.Equal(once, BpeLearner.Learn(texts, 300));
        Assert.Equal(once, BpeLearner.Learn(texts.Reverse(), 300)); // pairs are counted over the chunk multiset
        Assert.Equal(once.GetRange(0, 20), BpeLearner.Learn(texts, 257 + 20)); // a smaller vocabulary is a prefix
        Assert.NotEqual(once, BpeLearner.Learn(texts.Skip(50), 300));
    }

    [Fact]
    public void IdsNoMergeMadeSpellNothing()
    {
        var tokenizer = new BpeTokenizer(BpeLearner.Learn([Encoding.UTF8.GetBytes("abab abab")], 1000), 1000);
        Assert.True(tokenizer.Merges.Count < 10); // the corpus runs out of pairs long before the vocabulary is full
        Assert.Null(tokenizer.Decode([999]));
        Assert.Null(tokenizer.Decode([Tokenizer.EndOfText]));
        Assert.Equal("abab"u8.ToArray(), tokenizer.Decode(tokenizer.Encode("abab", end: false)));
        Assert.Throws<ArgumentException>(() => new BpeTokenizer([(300, 1)], 400)); // 300 is not defined before merge 0
    }

    [Fact]
    public void LearntOnceThenReadFromTheCacheKeyedByCorpusAndSize()
    {
        string directory = Directory.CreateTempSubdirectory("collapselab-bpe-").FullName;
        try
        {
            var texts = Corpus();
            var learnt = BpeTokenizer.LoadOrLearn(directory, "ab12" + new string('0', 60), texts, 400);
            Assert.True(File.Exists(BpeTokenizer.MergesPath(directory, "ab12" + new string('0', 60), 400)));
            // No texts the second time: the merges can only come from the file.
            Assert.Equal(learnt.Merges, BpeTokenizer.LoadOrLearn(directory, "ab12" + new string('0', 60), [], 400).Merges);
            Assert.Empty(BpeTokenizer.LoadOrLearn(directory, "cd34" + new string('0', 60), [], 400).Merges); // another corpus
            Assert.Empty(BpeTokenizer.LoadOrLearn(directory, "ab12" + new string('0', 60), [], 300).Merges); // another size
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The textbook algorithm as the specification: every chunk occurrence kept separately, all pairs recounted before
    /// each merge. Returns the merges and the corpus's final tokens in order.
    /// </summary>
    private static (List<(int, int)> Merges, long[] Segmentation) BruteForceLearn(byte[][] texts, int vocabularySize)
    {
        var chunks = texts.SelectMany(t => ByteChunks.Split(t).Select(c => t.AsSpan(c.Start, c.Length).ToArray().Select(b => (int)b).ToList())).ToList();
        var merges = new List<(int, int)>();
        for (int token = 257; token < vocabularySize; token++)
        {
            var counts = new Dictionary<(int, int), int>();
            foreach (var chunk in chunks)
                for (int i = 0; i + 1 < chunk.Count; i++)
                    counts[(chunk[i], chunk[i + 1])] = counts.GetValueOrDefault((chunk[i], chunk[i + 1])) + 1;
            if (counts.Count == 0) break;
            var best = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Item1).ThenBy(c => c.Key.Item2).First().Key;
            merges.Add(best);
            foreach (var chunk in chunks)
                for (int i = 0; i + 1 < chunk.Count; i++)
                    if (chunk[i] == best.Item1 && chunk[i + 1] == best.Item2)
                    {
                        chunk[i] = token;
                        chunk.RemoveAt(i + 1);
                    }
        }
        return (merges, chunks.SelectMany(c => c.Select(s => (long)s)).ToArray());
    }
}
