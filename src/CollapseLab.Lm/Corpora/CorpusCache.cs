namespace CollapseLab.Lm.Corpora;

/// <summary>
/// Where fetched corpora and pretrained base models live: <c>$COLLAPSELAB_CACHE</c> if set, else
/// <c>$XDG_CACHE_HOME/collapselab</c>, else <c>~/.cache/collapselab</c>.
/// </summary>
public sealed class CorpusCache(string root)
{
    /// <summary>The environment variable that moves the cache: <c>COLLAPSELAB_CACHE</c>.</summary>
    public const string EnvironmentVariable = "COLLAPSELAB_CACHE";

    /// <summary>The user's cache.</summary>
    public static CorpusCache Default => new(DefaultRoot());

    /// <summary>The cache's directory (absolute).</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The npm archive of the Brown Corpus (read directly, never unpacked).</summary>
    public string BrownArchive => Path.Combine(Root, "corpora", BrownCorpus.ArchiveName);

    /// <summary>Debian's fortunes and fortunes-min unpacked with dpkg -x (the fortune files are under usr/share/games/fortunes).</summary>
    public string FortunesDirectory => CorpusDirectory(DebianCorpus.Fortunes);

    /// <summary>Where <paramref name="corpus"/> is unpacked with dpkg -x.</summary>
    public string CorpusDirectory(DebianCorpus corpus) => Path.Combine(Root, "corpora", corpus.Name);

    /// <summary>Lines "sha256  file" for the .deb files <paramref name="corpus"/> was unpacked from (kept next to it).</summary>
    public string Manifest(DebianCorpus corpus) => Path.Combine(Root, "corpora", corpus.Name + ".sha256");

    /// <summary>Pretrained base-model checkpoints.</summary>
    public string ModelsDirectory => Path.Combine(Root, "models");

    private static string DefaultRoot()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured) return configured;
        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "collapselab");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "collapselab");
    }
}
