using System.Text;

namespace CollapseLab.Lm.Corpora;

/// <summary>The user's own pretraining corpus: every file under a directory, read as UTF-8 text, one document each.</summary>
public static class TextDirectory
{
    /// <summary>The texts under <paramref name="directory"/> (recursively, hidden files skipped), ordered by relative path.</summary>
    /// <exception cref="CorpusException">No such directory, or no non-empty file in it.</exception>
    public static IReadOnlyList<string> Read(string directory)
    {
        if (!Directory.Exists(directory)) throw new CorpusException($"--pretrain-corpus: no such directory {directory}");
        var texts = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path))
            .Where(relative => !relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .OrderBy(relative => relative, StringComparer.Ordinal)
            .Select(relative => File.ReadAllText(Path.Combine(directory, relative), Encoding.UTF8))
            .Where(text => text.Length > 0)
            .ToArray();
        if (texts.Length == 0) throw new CorpusException($"--pretrain-corpus: no non-empty text files under {directory}");
        return texts;
    }
}
