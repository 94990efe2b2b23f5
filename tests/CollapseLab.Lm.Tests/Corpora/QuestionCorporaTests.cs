using System.IO.Compression;
using System.Text;
using CollapseLab.Lm.Corpora;

namespace CollapseLab.Lm.Tests.Corpora;

/// <summary>The question corpora parsed from small files in their packages' formats (wndb(5), dictd, fortune Q:/A: items).</summary>
public class QuestionCorporaTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("collapselab-questions-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void WordNetDataLinesBecomeWhatDoesItMeanQuestions()
    {
        string folder = Path.Combine(_root, "usr", "share", "wordnet");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "data.noun"),
            "  1 This software and database is being provided to you, the LICENSEE, by  \n"
            + "  2 Princeton University under the following license.  \n"
            + "09307031 17 n 01 Hudson_Bay 0 002 @i 09426788 n 0000 #p 08820121 n 0000 | an inland sea in northern Canada  \n"
            + "00217014 04 n 02 destruction 0 devastation 0 001 @ 00209943 n 0000 | the termination of something by causing so much damage to it that it cannot be repaired  \n");
        File.WriteAllText(Path.Combine(folder, "data.adj"),
            "00002730 00 a 01 acroscopic 0 002 ;c 06066555 n 0000 ! 00002843 a 0101 | facing or on the side toward the apex  \n"
            + "01380267 00 s 0a galore(ip) 0 001 & 01379920 a 0000 | in great numbers; \"there were daffodils galore\"  \n");

        var documents = WordNetCorpus.Read(_root);

        Assert.Equal(
        [
            new Document("What does the adjective \"acroscopic\" mean?", "facing or on the side toward the apex"),
            new Document("What does the adjective \"galore\" mean?", "in great numbers; \"there were daffodils galore\""),
            new Document("What does the noun \"Hudson Bay\" mean?", "an inland sea in northern Canada"),
            new Document("What does the noun \"destruction\" mean?", "the termination of something by causing so much damage to it that it cannot be repaired"),
        ], documents);
        Assert.Equal(documents, WordNetCorpus.Read(folder));
    }

    [Fact]
    public void ABrokenWordNetLineIsNamedByFileAndLine()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "data.verb"), "00002573 29 v 01 respire 2 003 | breathe easily again\nnot a data line\n");
        var e = Assert.Throws<CorpusException>(() => WordNetCorpus.Read(_root));
        Assert.Contains("data.verb:2", e.Message);
        Assert.Contains("collapse data fetch", Assert.Throws<CorpusException>(() => WordNetCorpus.Read(Path.Combine(_root, "absent"))).Message);
    }

    [Fact]
    public void DictdEntriesOfTheDevilsDictionaryBecomeDefineRequests()
    {
        string folder = Path.Combine(_root, "usr", "share", "dictd");
        Directory.CreateDirectory(folder);
        string[] entries =
        [
            "00-database-short\n     The Devil's Dictionary (1881-1906)\n",
            "BATH, n.  A kind of mystic ceremony substituted for religious worship,\nwith what spiritual efficacy has not been determined.\n\n    The man who taketh a steam bath\n    He loseth all the skin he hath,\n\n",
            "ZIGZAG, v.t.  To move forward uncertainly, from side to side.\n\n",
            "no label here\n\n",
        ];
        var data = new StringBuilder();
        var index = new StringBuilder();
        string[] headwords = ["00databaseshort", "bath", "zigzag", "unlabelled"];
        for (int i = 0; i < entries.Length; i++)
        {
            index.Append($"{headwords[i]}\t{Base64(Encoding.UTF8.GetByteCount(data.ToString()))}\t{Base64(Encoding.UTF8.GetByteCount(entries[i]))}\n");
            data.Append(entries[i]);
        }
        File.WriteAllText(Path.Combine(folder, "devil.index"), index.ToString());
        using (var gzip = new GZipStream(File.Create(Path.Combine(folder, "devil.dict.dz")), CompressionLevel.Optimal))
            gzip.Write(Encoding.UTF8.GetBytes(data.ToString()));

        var documents = DevilsDictionaryCorpus.Read(_root);

        Assert.Equal(
        [
            new Document("Define \"bath\", cynically.", "A kind of mystic ceremony substituted for religious worship, with what spiritual efficacy has not been determined."),
            new Document("Define \"zigzag\", cynically.", "To move forward uncertainly, from side to side."),
        ], documents);
        Assert.Equal("That which discloses to the wise.", DevilsDictionaryCorpus.Definition("EDUCATION, n. That which discloses\nto the wise."));
        Assert.Equal("What good would that do _me_?", DevilsDictionaryCorpus.Definition("CUI BONO?  [Latin]  What good would that do _me_?"));
        Assert.Equal("A writ. Of the law.", DevilsDictionaryCorpus.Definition("HABEAS CORPUS.  A writ.  Of the law."));
        Assert.Equal("A misshapen creature.", DevilsDictionaryCorpus.Definition("BABE or BABY, n.  A misshapen creature."));
        Assert.Equal("A rival aspirant to public honors.", DevilsDictionaryCorpus.Definition("IMPOSTOR n.  A rival aspirant to public honors."));
        Assert.Equal("One entrusted.", DevilsDictionaryCorpus.Definition("CONFIDANT, CONFIDANTE, n.  One entrusted."));
        Assert.Null(DevilsDictionaryCorpus.Definition("DEAD, adj.\n\n    Done with the work of breathing;"));
        Assert.Null(DevilsDictionaryCorpus.Definition("I is the first letter of the alphabet."));
        Assert.Equal(64 * 64 + 2 * 64 + 3, DevilsDictionaryCorpus.Base64("BCD"));
        Assert.Null(DevilsDictionaryCorpus.Base64("B-D"));
    }

    [Fact]
    public void AnIndexLinePastTheDataIsNamedByFileAndLine()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "devil.index"), "bath\tA\tZ\n");
        using (var gzip = new GZipStream(File.Create(Path.Combine(_root, "devil.dict.dz")), CompressionLevel.Optimal))
            gzip.Write("BATH, n.  short."u8);
        Assert.Contains("devil.index:1", Assert.Throws<CorpusException>(() => DevilsDictionaryCorpus.Read(_root)).Message);
    }

    [Fact]
    public void FortunesOfOneQuestionAndOneAnswerAreRiddles()
    {
        string folder = Path.Combine(_root, "usr", "share", "games", "fortunes");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "riddles"),
            "Q:\tHow much does it cost to ride the Unibus?\nA:\t2 bits.\n%\n"
            + "Q: What is tiny and yellow\n   and very dangerous?\nA: A canary with the\nsuper-user password.\n%\n"
            + "Q: one?\nQ: two?\nA: not a riddle: two questions.\n%\n"
            + "A fortune that asks nothing at all, Q: inside.\n%\n");

        Assert.Equal(
        [
            new Document("How much does it cost to ride the Unibus?", "2 bits."),
            new Document("What is tiny and yellow and very dangerous?", "A canary with the\nsuper-user password."),
        ], FortunesCorpus.Riddles(_root));
        Assert.Equal(FortunesCorpus.Riddles(_root), SftCorpus.Read(SftCorpus.Riddles, CacheWithFortunesAt(folder)));
    }

    /// <summary>A cache whose fortunes folder holds a copy of <paramref name="folder"/>.</summary>
    private CorpusCache CacheWithFortunesAt(string folder)
    {
        var cache = new CorpusCache(Path.Combine(_root, "cache"));
        string target = Path.Combine(cache.FortunesDirectory, "usr", "share", "games", "fortunes");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(folder)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return cache;
    }

    private static string Base64(int value)
    {
        const string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var text = new StringBuilder();
        do
        {
            text.Insert(0, digits[value % 64]);
            value /= 64;
        } while (value > 0);
        return text.ToString();
    }
}
