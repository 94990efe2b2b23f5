using CollapseLab.Lm.Corpora;

namespace CollapseLab.Lm.Tests.Corpora;

public class FortunesCorpusTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("collapselab-fortunes-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder => Path.Combine(_root, "usr", "share", "games", "fortunes");

    [Fact]
    public void ItemsBetweenPercentLinesOfTwentyToFourHundredCharactersBecomeDocuments()
    {
        Directory.CreateDirectory(Folder);
        string longItem = new('x', 401), longest = new('y', 400);
        File.WriteAllText(Path.Combine(Folder, "zen"),
            "  The way that can be told\nis not the eternal way.\n%\ntoo short\n%\n" + longItem + "\n%\n" + longest + "\n%\n");
        File.WriteAllText(Path.Combine(Folder, "art"), "A picture is worth a thousand words.\n\t\t-- anon\n");
        File.WriteAllText(Path.Combine(Folder, "zen.dat"), "binary index, not text at all....");
        File.WriteAllText(Path.Combine(Folder, "ascii-art"), "  /\\_/\\  ascii art is skipped by name\n");
        File.WriteAllText(Path.Combine(Folder, "translate-me"), "a file of strings waiting for translation\n");
        File.CreateSymbolicLink(Path.Combine(Folder, "zen.u8"), "zen");
        File.CreateSymbolicLink(Path.Combine(Folder, "alias"), "zen");

        var documents = FortunesCorpus.Read(_root);

        Assert.Equal(
        [
            new Document("art", "A picture is worth a thousand words.\n\t\t-- anon"),
            new Document("zen", "The way that can be told\nis not the eternal way."),
            new Document("zen", longest),
        ], documents);
        Assert.Equal(documents, FortunesCorpus.Read(Folder)); // the folder itself works too
    }

    [Fact]
    public void AMissingCorpusNamesTheFetchCommand()
    {
        var e = Assert.Throws<CorpusException>(() => FortunesCorpus.Read(Path.Combine(_root, "absent")));
        Assert.Contains("collapse data fetch", e.Message);
    }
}
