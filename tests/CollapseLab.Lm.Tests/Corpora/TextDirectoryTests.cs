using CollapseLab.Lm.Corpora;
using CollapseLab.Lm.Model;

namespace CollapseLab.Lm.Tests.Corpora;

public class TextDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("collapselab-text-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void ReadsEveryVisibleNonEmptyFileInPathOrder()
    {
        Directory.CreateDirectory(Path.Combine(_root, "b"));
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        File.WriteAllText(Path.Combine(_root, "b", "one.txt"), "second");
        File.WriteAllText(Path.Combine(_root, "a.txt"), "first");
        File.WriteAllText(Path.Combine(_root, "empty.txt"), "");
        File.WriteAllText(Path.Combine(_root, ".hidden"), "skipped");
        File.WriteAllText(Path.Combine(_root, ".git", "config"), "skipped");
        Assert.Equal(["first", "second"], TextDirectory.Read(_root));
    }

    [Fact]
    public void ACorpusIsAStreamOfDocumentsEachEndedAndItsHashFollowsTheContent()
    {
        var corpus = new PretrainCorpus("test", ["ab", "é"]);
        Assert.Equal([97, 98, ByteTokenizer.EndOfText, 0xC3, 0xA9, ByteTokenizer.EndOfText], corpus.Tokens(ByteTokenizer.Instance));
        Assert.Equal(corpus.Sha256, new PretrainCorpus("elsewhere", ["ab", "é"]).Sha256);
        Assert.NotEqual(corpus.Sha256, new PretrainCorpus("test", ["ab", "e"]).Sha256);
    }

    [Fact]
    public void AMissingDirectoryIsNamed() =>
        Assert.Contains("--pretrain-corpus", Assert.Throws<CorpusException>(() => TextDirectory.Read(Path.Combine(_root, "absent"))).Message);
}
