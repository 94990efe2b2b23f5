namespace CollapseLab.Lm.Corpora;

/// <summary>
/// The fetched real prompt/response corpora <c>--sft-corpus</c> chooses between: the fortunes (prompts are topic names),
/// or question corpora (all three together the default) whose prompts are requests: WordNet glosses, The Devil's Dictionary, the riddles among the
/// fortunes, or all three together.
/// </summary>
public static class SftCorpus
{
    /// <summary>Debian's fortunes; the prompt is the topic name (the default).</summary>
    public const string Fortunes = "fortunes";
    /// <summary>WordNet glosses: <c>What does the noun "X" mean?</c> → the gloss.</summary>
    public const string WordNet = "wordnet";
    /// <summary>Ambrose Bierce's The Devil's Dictionary: <c>Define "X", cynically.</c> → the definition.</summary>
    public const string Devil = "devil";
    /// <summary>The riddles among the fortunes (Q: / A: items).</summary>
    public const string Riddles = "riddles";
    /// <summary><see cref="WordNet"/>, <see cref="Devil"/> and <see cref="Riddles"/> together.</summary>
    public const string Questions = "questions";

    /// <summary>
    /// The default: prompts that are requests or questions, thousands of them distinct (docs/lm.md, "Choosing the
    /// fine-tuning defaults"); the fortunes' 41 topic names cannot give n = 200 documents half of them distinct prompts.
    /// </summary>
    public const string Default = Questions;

    /// <summary>The choices.</summary>
    public static readonly string[] Names = [Fortunes, WordNet, Devil, Riddles, Questions];

    /// <summary>The Debian corpora <paramref name="name"/> is read from.</summary>
    public static IReadOnlyList<DebianCorpus> Sources(string name) => name switch
    {
        Fortunes or Riddles => [DebianCorpus.Fortunes],
        WordNet => [DebianCorpus.WordNet],
        Devil => [DebianCorpus.DevilsDictionary],
        Questions => [DebianCorpus.WordNet, DebianCorpus.DevilsDictionary, DebianCorpus.Fortunes],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"not a corpus; expected one of {string.Join(", ", Names)}"),
    };

    /// <summary>The documents of corpus <paramref name="name"/> in <paramref name="cache"/>; questions are WordNet's, then the Devil's, then the riddles.</summary>
    /// <exception cref="CorpusException">A corpus is missing from the cache or holds no documents.</exception>
    public static IReadOnlyList<Document> Read(string name, CorpusCache cache) => name switch
    {
        Fortunes => FortunesCorpus.Read(cache.FortunesDirectory),
        WordNet => WordNetCorpus.Read(cache.CorpusDirectory(DebianCorpus.WordNet)),
        Devil => DevilsDictionaryCorpus.Read(cache.CorpusDirectory(DebianCorpus.DevilsDictionary)),
        Riddles => FortunesCorpus.Riddles(cache.FortunesDirectory),
        Questions => [.. Read(WordNet, cache), .. Read(Devil, cache), .. Read(Riddles, cache)],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"not a corpus; expected one of {string.Join(", ", Names)}"),
    };
}
