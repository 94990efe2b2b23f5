using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CollapseLab.Lm.Corpora;

/// <summary>
/// The user's own fine-tuning documents: JSON Lines, one object per line with string fields <c>prompt</c> and
/// <c>response</c> (other fields, such as HelpSteer2's ratings, are ignored; blank lines are skipped).
/// </summary>
public static class SftJsonl
{
    // Readable output: non-ASCII text and quotes as themselves, not \uXXXX escapes.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The documents of <paramref name="path"/>, in file order.</summary>
    /// <exception cref="CorpusException">A missing file, or a line that is not such an object (the message gives file:line).</exception>
    public static IReadOnlyList<Document> Read(string path)
    {
        if (!File.Exists(path)) throw new CorpusException($"--sft-data: no such file {path}");
        var documents = new List<Document>();
        int number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            documents.Add(Parse(line, $"{path}:{number}"));
        }
        if (documents.Count == 0) throw new CorpusException($"{path}: no documents (expected one JSON object with prompt and response per line)");
        return documents;
    }

    private static Document Parse(string line, string where)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new CorpusException($"{where}: not valid JSON ({e.Message})", e);
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                throw new CorpusException($"{where}: expected a JSON object with string fields \"prompt\" and \"response\", found {json.RootElement.ValueKind}");
            return new Document(Field(json.RootElement, "prompt", where), Field(json.RootElement, "response", where));
        }
    }

    private static string Field(JsonElement item, string name, string where)
    {
        if (!item.TryGetProperty(name, out var value)) throw new CorpusException($"{where}: missing field \"{name}\"");
        if (value.ValueKind != JsonValueKind.String) throw new CorpusException($"{where}: field \"{name}\" must be a string, found {value.ValueKind}");
        return value.GetString()!;
    }

    /// <summary>Writes <paramref name="documents"/> in the same format (the synthetic generations, so they can be read back).</summary>
    public static void Write(TextWriter output, IEnumerable<Document> documents, int? iteration = null)
    {
        foreach (var d in documents)
        {
            var line = iteration is { } t
                ? JsonSerializer.Serialize(new { iteration = t, prompt = d.Prompt, response = d.Response }, Relaxed)
                : JsonSerializer.Serialize(new { prompt = d.Prompt, response = d.Response }, Relaxed);
            output.Write(line);
            output.Write('\n');
        }
    }
}
