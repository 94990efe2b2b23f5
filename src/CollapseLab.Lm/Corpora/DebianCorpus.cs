namespace CollapseLab.Lm.Corpora;

/// <summary>
/// A corpus Debian packages, declared once: the packages apt downloads, the Debian 12 (bookworm) .deb files pinned by
/// SHA-256 (by the name apt-get download gives them), the pool folder they are in, and a reader that proves an unpacked
/// copy holds documents. <see cref="CorpusFetcher"/> fetches any of them by the same three routes.
/// </summary>
/// <param name="Name">The cache folder (corpora/{Name}) and manifest (corpora/{Name}.sha256), and the name in log lines.</param>
/// <param name="Packages">What <c>apt-get download</c> is given, in order.</param>
/// <param name="PoolFolder">The source package's folder under a Debian mirror, ending in '/'.</param>
/// <param name="PinnedDebs">SHA-256 of the bookworm packages, one per package, by apt's file name.</param>
/// <param name="CountDocuments">Reads an unpacked copy (a dpkg -x target) and returns its document count; throws <see cref="CorpusException"/> when it holds none.</param>
public sealed record DebianCorpus(string Name, string[] Packages, string PoolFolder, IReadOnlyDictionary<string, string> PinnedDebs,
    Func<string, int> CountDocuments)
{
    /// <summary>The mirror the pinned packages are downloaded from when apt cannot get them.</summary>
    public const string DebianMirror = "https://deb.debian.org/debian/";

    /// <summary>Debian's fortunes and fortunes-min (the fortunes, and the riddles among them).</summary>
    public static DebianCorpus Fortunes { get; } = new("fortunes", ["fortunes", "fortunes-min"], "pool/main/f/fortune-mod/",
        new Dictionary<string, string>
        {
            ["fortunes_1%3a1.99.1-7.3_all.deb"] = "41d0551dc0ff52f875a2ecef7c39da2f672ab468c37e170119f7e0245a9d63c5",
            ["fortunes-min_1%3a1.99.1-7.3_all.deb"] = "9eed5b45064e41133dae0967cf3a17588ad77c014fcc7bf1527fa3ea48e44d07",
        }, root => FortunesCorpus.Read(root).Count);

    /// <summary>WordNet 3.0's database (Debian's wordnet-base): the glosses of its synsets.</summary>
    public static DebianCorpus WordNet { get; } = new("wordnet", ["wordnet-base"], "pool/main/w/wordnet/",
        new Dictionary<string, string>
        {
            ["wordnet-base_1%3a3.0-37_all.deb"] = "61060d960f9ada8fa120872312eccd3ecebfbab8c4579e4f5a74e1cf67620752",
        }, root => WordNetCorpus.Read(root).Count);

    /// <summary>Ambrose Bierce's The Devil's Dictionary as a dictd database (Debian's dict-devil).</summary>
    public static DebianCorpus DevilsDictionary { get; } = new("devil", ["dict-devil"], "pool/main/d/dict-devil/",
        new Dictionary<string, string>
        {
            ["dict-devil_1.0-13.1_all.deb"] = "6a535684def2a1f70cd42da16d12d43f0e9dc3e54e4a329178eebab3170e3154",
        }, root => DevilsDictionaryCorpus.Read(root).Count);

    /// <summary>Every Debian-packaged corpus, in the order <c>collapse data fetch</c> fetches them.</summary>
    public static IReadOnlyList<DebianCorpus> All { get; } = [Fortunes, WordNet, DevilsDictionary];

    /// <summary>The pool's name of a pinned package: apt's name without the epoch ("1%3a", an escaped "1:").</summary>
    public static string PoolFileName(string aptFileName) => aptFileName.Replace("_1%3a", "_", StringComparison.Ordinal);

    /// <summary>The URL of a pinned package under <paramref name="mirror"/> (a folder URL ending in '/').</summary>
    public string PoolUrl(string mirror, string aptFileName) => mirror + PoolFolder + PoolFileName(aptFileName);
}
