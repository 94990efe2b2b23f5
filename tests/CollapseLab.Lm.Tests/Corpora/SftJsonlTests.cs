using CollapseLab.Lm.Corpora;

namespace CollapseLab.Lm.Tests.Corpora;

public class SftJsonlTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("collapselab-jsonl-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string File(params string[] lines)
    {
        string path = Path.Combine(_root, "data.jsonl");
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void ReadsPromptAndResponseAndIgnoresOtherFields()
    {
        var path = File(
            """{"prompt": "What is 2+2?", "response": "4.", "helpfulness": 4, "coherence": 3}""",
            "",
            """{"response": "Ünïcode\nand lines", "prompt": "Say \"hi\""}""");
        Assert.Equal([new Document("What is 2+2?", "4."), new Document("Say \"hi\"", "Ünïcode\nand lines")], SftJsonl.Read(path));
    }

    [Theory]
    [InlineData("{\"prompt\": \"a\", \"response\": \"b\"", "not valid JSON")]
    [InlineData("""{"prompt": "a"}""", "missing field \"response\"")]
    [InlineData("""{"prompt": 1, "response": "b"}""", "field \"prompt\" must be a string")]
    [InlineData("""["a", "b"]""", "expected a JSON object")]
    public void ErrorsNameTheFileAndLine(string bad, string expected)
    {
        var path = File("""{"prompt": "a", "response": "b"}""", "", bad);
        var e = Assert.Throws<CorpusException>(() => SftJsonl.Read(path));
        Assert.StartsWith($"{path}:3: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MissingOrEmptyFilesAreErrors()
    {
        Assert.Contains("no such file", Assert.Throws<CorpusException>(() => SftJsonl.Read(Path.Combine(_root, "absent.jsonl"))).Message);
        Assert.Contains("no documents", Assert.Throws<CorpusException>(() => SftJsonl.Read(File("", "  "))).Message);
    }

    [Fact]
    public void WrittenGenerationsReadBack()
    {
        Document[] documents = [new("p \"q\"", "r\né"), new("s", "t")];
        var writer = new StringWriter();
        SftJsonl.Write(writer, documents, iteration: 2);
        Assert.Contains("\"iteration\":2", writer.ToString());
        Assert.Contains("é", writer.ToString()); // readable, not \u escapes
        Assert.Equal(documents, SftJsonl.Read(File(writer.ToString().TrimEnd('\n').Split('\n'))));
    }
}
