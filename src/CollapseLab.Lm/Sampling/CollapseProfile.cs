using System.Text;

namespace CollapseLab.Lm.Sampling;

/// <summary>Statistics of one synthetic generation that show collapse: shrinking length, vocabulary and topics.</summary>
public static class CollapseProfile
{
    /// <summary>
    /// The <paramref name="p"/>-quantile of <paramref name="values"/> by linear interpolation between order statistics
    /// (Hyndman–Fan type 7, R's and NumPy's default): at h = (n − 1)p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎); NaN for none.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        double h = (sorted.Length - 1) * p;
        int low = (int)Math.Floor(h);
        return low + 1 >= sorted.Length ? sorted[^1] : sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);
    }

    /// <summary>Mean document length in tokens: UTF-8 bytes of the formatted text, end-of-text not counted.</summary>
    public static double MeanLength(IReadOnlyList<Document> documents) =>
        documents.Count == 0 ? double.NaN : documents.Average(d => (double)Encoding.UTF8.GetByteCount(d.Text));

    /// <summary>
    /// Distinct word bigrams over all bigrams of the responses (words split on whitespace, bigrams within one
    /// response, pooled over the generation); NaN when no response has two words.
    /// </summary>
    public static double Distinct2(IReadOnlyList<Document> documents)
    {
        var distinct = new HashSet<(string, string)>();
        long total = 0;
        foreach (var d in documents)
        {
            var words = d.Response.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (int i = 1; i < words.Length; i++)
            {
                distinct.Add((words[i - 1], words[i]));
                total++;
            }
        }
        return total == 0 ? double.NaN : (double)distinct.Count / total;
    }

    /// <summary>Entropy (nats) of the empirical distribution of prompts (exact text), 0·log 0 = 0.</summary>
    public static double PromptEntropy(IReadOnlyList<Document> documents)
    {
        if (documents.Count == 0) return double.NaN;
        double n = documents.Count, entropy = 0;
        foreach (var group in documents.GroupBy(d => d.Prompt, StringComparer.Ordinal))
        {
            double p = group.Count() / n;
            entropy -= p * Math.Log(p);
        }
        return entropy;
    }
}
