using System.Globalization;
using System.Text;

namespace CollapseLab.Lm.Corpora;

/// <summary>
/// WordNet 3.0's synsets as questions (Debian's wordnet-base, files usr/share/wordnet/data.{adj,adv,noun,verb}, format
/// wndb(5)): each synset becomes <c>user: What does the {part of speech} "{first word}" mean?\nassistant: {gloss}</c>.
/// </summary>
public static class WordNetCorpus
{
    /// <summary>The data files, read in this order, and the part of speech their prompts name.</summary>
    private static readonly (string File, string PartOfSpeech)[] DataFiles =
        [("data.adj", "adjective"), ("data.adv", "adverb"), ("data.noun", "noun"), ("data.verb", "verb")];

    /// <summary>The documents under <paramref name="root"/> (a dpkg -x target holding usr/share/wordnet, or that folder itself).</summary>
    /// <exception cref="CorpusException">No data files there, or a line that is not a WordNet data line.</exception>
    public static IReadOnlyList<Document> Read(string root)
    {
        string folder = Path.Combine(root, "usr", "share", "wordnet");
        if (!Directory.Exists(folder)) folder = root;
        if (!DataFiles.Any(d => File.Exists(Path.Combine(folder, d.File))))
            throw new CorpusException($"the WordNet corpus is not in the cache ({root}); run 'collapse data fetch' first, or pass --sft-data FILE.jsonl");
        var documents = new List<Document>();
        foreach (var (file, partOfSpeech) in DataFiles)
        {
            string path = Path.Combine(folder, file);
            if (!File.Exists(path)) continue;
            int number = 0;
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                number++;
                if (line.StartsWith("  ", StringComparison.Ordinal) || line.Length == 0) continue; // the licence header
                documents.Add(Parse(line, partOfSpeech) ?? throw new CorpusException($"{path}:{number}: not a WordNet data line (expected 'offset lex_filenum ss_type w_cnt word lex_id ... | gloss')"));
            }
        }
        return documents;
    }

    /// <summary>
    /// The document of one data line, <c>synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id ...] p_cnt ... | gloss</c>
    /// (w_cnt in hexadecimal; underscores in words are spaces; an adjective's syntactic marker such as "(p)" is dropped), or null
    /// when the line is not in that format.
    /// </summary>
    public static Document? Parse(string line, string partOfSpeech)
    {
        int bar = line.IndexOf(" | ", StringComparison.Ordinal);
        if (bar < 0) return null;
        var fields = line[..bar].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6 || !int.TryParse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int words) || words < 1) return null;
        string word = fields[4];
        int marker = word.IndexOf('(');
        if (marker > 0) word = word[..marker];
        string gloss = line[(bar + 3)..].Trim();
        if (gloss.Length == 0) return null;
        return new Document($"What does the {partOfSpeech} \"{word.Replace('_', ' ')}\" mean?", gloss);
    }
}
