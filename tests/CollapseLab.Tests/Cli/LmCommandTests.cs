namespace CollapseLab.Tests.Cli;

/// <summary>The language-model commands through the CLI, on a tiny model and corpora made here.</summary>
[Collection(CliTestCollection.Name)]
public sealed class LmCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("collapse-cli-lm-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Data => Path.Combine(_directory, "data");

    /// <summary>Pretraining texts that already use the document format, and a JSONL of documents.</summary>
    private string[] TinyCorpora()
    {
        string[] animals = ["cat", "dog", "cow"], sounds = ["meow", "woof", "moo"];
        string pretrain = Path.Combine(Data, "pretrain"), sft = Path.Combine(Data, "sft.jsonl");
        Directory.CreateDirectory(pretrain);
        for (int i = 0; i < 90; i++)
            File.WriteAllText(Path.Combine(pretrain, $"{i:00}.txt"), $"user: {animals[i % 3]}\nassistant: the {animals[i % 3]} says {sounds[i % 3]} {i / 3}.");
        File.WriteAllLines(sft, Enumerable.Range(0, 40).Select(i => $"{{\"prompt\": \"{animals[i % 3]}\", \"response\": \"the {animals[i % 3]} says {sounds[i % 3]} {i}.\"}}"));
        return ["--preset", "tiny", "--tokenizer", "bytes", "--context", "48", "--pretrain-corpus", pretrain, "--pretrain-steps", "300", "--sft-data", sft, "--eval-docs", "8", "--lr", "0.002", "--batch-size", "8"];
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--width", "30", "--heads", "4"], "width" },
        { ["--preset", "tiny", "--context", "8"], "context" },
        { ["--sft-data", "/nonexistent/sft.jsonl"], "--sft-data" },
        { ["--preset", "huge"], "--preset" },
        { ["--temperature", "0"], "--temperature" },
        { ["--tokenizer", "words"], "--tokenizer" },
        { ["--tokenizer", "bytes", "--vocab-size", "512"], "--vocab-size" }, // sizes the bpe only: with bytes it would fork run ids for the same run
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadLmInputExitsWithCode2AndWritesNoFile(string[] bad, string named)
    {
        string output = Path.Combine(_directory, "out.csv");
        var (code, stdout, stderr) = CliRunner.Run(["run", "lm", "--iterations", "2", "--out", output, .. bad]);
        Assert.Equal(2, code);
        Assert.Contains(named, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("", stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    /// <summary>Bad inputs the first run used to find (exit 1, a header-only CSV) are exit 2 before anything runs or is written.</summary>
    [Theory]
    [InlineData("--sft-data", "bad.jsonl:3")]
    [InlineData("--pretrain-corpus", "no non-empty text files")]
    [InlineData("--eval-docs", "invalid --eval-docs 40")]
    [InlineData("--generations-dir", "it is a file")]
    [InlineData("--device", "invalid --device cuda")] // this machine's build has the CPU libtorch only
    public void BadLmDataExitsWithCode2BeforeAnyRunAndWritesNoFile(string option, string named)
    {
        var options = TinyCorpora().ToList();
        string bad = option switch
        {
            "--sft-data" => WriteData("bad.jsonl", "{\"prompt\": \"cat\", \"response\": \"meow\"}\n\n{\"prompt\": \"dog\", \"response\": 3}\n"),
            "--pretrain-corpus" => Directory.CreateDirectory(Path.Combine(Data, "empty")).FullName,
            "--eval-docs" => "40",
            "--device" => "cuda",
            _ => WriteData("generations", "a file, not a folder"),
        };
        int at = options.IndexOf(option);
        if (at >= 0) options[at + 1] = bad;
        else options.AddRange([option, bad]);
        string output = Path.Combine(_directory, "out.csv");

        var (code, stdout, stderr) = CliRunner.Run(["run", "lm", "--iterations", "2", "--samples", "8", "--out", output, .. options]);

        Assert.Equal(2, code);
        Assert.Contains(named, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("", stdout);
        Assert.Equal(["data"], Directory.EnumerateFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    private string WriteData(string name, string content)
    {
        string path = Path.Combine(Data, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void PretrainRejectsAnImpossibleModel()
    {
        var (code, _, stderr) = CliRunner.Run("lm", "pretrain", "--width", "100", "--heads", "3");
        Assert.Equal(2, code);
        Assert.Contains("width", stderr);
    }

    [Fact]
    public void PretrainThenRunWritesCsvAndGenerationsNextToIt()
    {
        var options = TinyCorpora();
        string cache = Path.Combine(_directory, "cache");
        Environment.SetEnvironmentVariable("COLLAPSELAB_CACHE", cache); // the CLI tests run one at a time
        try
        {
            var (code, stdout, stderr) = CliRunner.Run(["lm", "pretrain", .. PretrainOptions(options)]);
            Assert.True(code == 0, stderr);
            Assert.Contains("base model:", stdout);
            (code, stdout, _) = CliRunner.Run(["lm", "pretrain", .. PretrainOptions(options)]);
            Assert.Equal(0, code);
            Assert.Contains("already cached", stdout);

            string csv = Path.Combine(_directory, "lm.csv");
            (code, _, stderr) = CliRunner.Run(["run", "lm", "--workflow", "accumulate", "--samples", "12", "--iterations", "2", "--seeds", "0-1", "--out", csv, .. options]);
            Assert.True(code == 0, stderr);
            var rows = File.ReadAllLines(csv);
            Assert.Equal(1 + 2 * 2 * 26, rows.Length); // header + seeds × iterations × metrics (eval loss in nats per token and bits per byte, fine-tune steps, four profile metrics, 19 tail quantiles)
            Assert.Contains(",torch-threads,", rows[0]);
            var generations = Directory.GetFiles(Path.Combine(_directory, "lm.generations"));
            Assert.Equal(2, generations.Length);
            Assert.All(generations, g => Assert.Equal(2 * 12, File.ReadAllLines(g).Length));
        }
        finally
        {
            Environment.SetEnvironmentVariable("COLLAPSELAB_CACHE", null);
        }
    }

    [Fact]
    public void PretrainWithABpeTokenizerCachesItsMergesAndABaseApartFromTheBytesOne()
    {
        var options = PretrainOptions(TinyCorpora());
        string cache = Path.Combine(_directory, "cache");
        Environment.SetEnvironmentVariable("COLLAPSELAB_CACHE", cache); // the CLI tests run one at a time
        try
        {
            var (code, bytes, stderr) = CliRunner.Run(["lm", "pretrain", .. options]);
            Assert.True(code == 0, stderr);
            string[] bpeOptions = options.Select((option, i) => i > 0 && options[i - 1] == "--tokenizer" ? "bpe" : option).ToArray();
            (code, var bpe, stderr) = CliRunner.Run(["lm", "pretrain", .. bpeOptions, "--vocab-size", "300"]);
            Assert.True(code == 0, stderr);
            Assert.Contains("vocabulary 300", stderr);
            Assert.StartsWith("base model:", bpe);
            Assert.NotEqual(bytes.Split(' ')[2], bpe.Split(' ')[2]); // "base model: PATH (N s)"
            Assert.Single(Directory.GetFiles(Path.Combine(cache, "models"), "bpe-*-300.txt"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("COLLAPSELAB_CACHE", null);
        }
    }

    /// <summary>The options of a run that decide its base model.</summary>
    private static string[] PretrainOptions(string[] runOptions)
    {
        string[] keep = ["--preset", "--tokenizer", "--context", "--pretrain-corpus", "--pretrain-steps"];
        var result = new List<string>();
        for (int i = 0; i < runOptions.Length; i += 2)
            if (keep.Contains(runOptions[i])) result.AddRange([runOptions[i], runOptions[i + 1]]);
        return result.ToArray();
    }
}
