using System.Text;

namespace CollapseLab.Lm.Corpora;

/// <summary>
/// Debian's <c>fortunes</c> and <c>fortunes-min</c>: one file per topic under usr/share/games/fortunes, items
/// separated by a line <c>%</c>. Each item of 20–400 characters becomes <c>user: {topic}\nassistant: {item}</c>.
/// </summary>
public static class FortunesCorpus
{
    /// <summary>The Debian packages the fortunes come from.</summary>
    public static readonly string[] Packages = ["fortunes", "fortunes-min"];

    /// <summary>Topic files that are not prose.</summary>
    private static readonly HashSet<string> Skipped = ["ascii-art", "translate-me"];

    /// <summary>Shortest fortune kept, in characters.</summary>
    public const int MinimumLength = 20;
    /// <summary>Longest fortune kept, in characters.</summary>
    public const int MaximumLength = 400;

    /// <summary>
    /// The documents under <paramref name="root"/> (a dpkg -x target holding usr/share/games/fortunes, or that
    /// folder itself), topics in name order, items in file order.
    /// </summary>
    /// <exception cref="CorpusException">No fortune files there.</exception>
    public static IReadOnlyList<Document> Read(string root)
    {
        string folder = Path.Combine(root, "usr", "share", "games", "fortunes");
        if (!Directory.Exists(folder)) folder = root;
        if (!Directory.Exists(folder))
            throw new CorpusException($"the fortunes corpus is not in the cache ({root}); run 'collapse data fetch' first, or pass --sft-data FILE.jsonl");
        var topics = Directory.EnumerateFiles(folder)
            .Where(path => !IsSkipped(path))
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToArray();
        var documents = new List<Document>();
        foreach (var path in topics)
        {
            string topic = Path.GetFileName(path);
            foreach (var item in Items(File.ReadAllText(path, Encoding.UTF8)))
                if (item.Length is >= MinimumLength and <= MaximumLength) documents.Add(new Document(topic, item));
        }
        if (documents.Count == 0) throw new CorpusException($"no fortunes of {MinimumLength}–{MaximumLength} characters under {folder}; run 'collapse data fetch'");
        return documents;
    }

    /// <summary>
    /// The riddles among the fortunes under <paramref name="root"/>: items of one <c>Q:</c> line (or paragraph) and one
    /// <c>A:</c> part, as <c>user: {question}\nassistant: {answer}</c> with the question on one line; every topic file,
    /// in name order, items of at most <see cref="MaximumLength"/> characters.
    /// </summary>
    /// <exception cref="CorpusException">No fortune files there, or no riddles in them.</exception>
    public static IReadOnlyList<Document> Riddles(string root)
    {
        var riddles = Read(root).Select(d => Riddle(d.Response)).OfType<Document>().ToArray();
        if (riddles.Length == 0) throw new CorpusException($"no Q:/A: riddles among the fortunes under {root}; run 'collapse data fetch'");
        return riddles;
    }

    /// <summary>The riddle of one fortune, <c>Q: question A: answer</c> with exactly one of each at a line start, or null.</summary>
    public static Document? Riddle(string item)
    {
        var lines = item.Replace("\r\n", "\n").Split('\n');
        int questions = lines.Count(l => l.TrimStart().StartsWith("Q:", StringComparison.Ordinal));
        int answers = lines.Count(l => l.TrimStart().StartsWith("A:", StringComparison.Ordinal));
        if (questions != 1 || answers != 1 || !lines[0].TrimStart().StartsWith("Q:", StringComparison.Ordinal)) return null;
        int answer = Array.FindIndex(lines, l => l.TrimStart().StartsWith("A:", StringComparison.Ordinal));
        string question = string.Join(' ', string.Join(' ', lines[..answer]).TrimStart()[2..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        lines[answer] = lines[answer].TrimStart()[2..];
        string response = string.Join('\n', lines[answer..]).Trim();
        return question.Length == 0 || response.Length == 0 ? null : new Document(question, response);
    }

    /// <summary>The items of one fortune file, whitespace-trimmed, empty ones left out.</summary>
    public static IEnumerable<string> Items(string file)
    {
        var item = new StringBuilder();
        foreach (var line in file.Replace("\r\n", "\n").Split('\n'))
        {
            if (line == "%")
            {
                if (item.ToString().Trim() is { Length: > 0 } text) yield return text;
                item.Clear();
            }
            else item.Append(line).Append('\n');
        }
        if (item.ToString().Trim() is { Length: > 0 } last) yield return last;
    }

    private static bool IsSkipped(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(".dat", StringComparison.Ordinal) || name.EndsWith(".u8", StringComparison.Ordinal) || Skipped.Contains(name)) return true;
        return new FileInfo(path).LinkTarget is not null; // the .u8 links and any other alias of a topic
    }
}
