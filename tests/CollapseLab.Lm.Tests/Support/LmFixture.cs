using System.Globalization;
using CollapseLab.Lm.Corpora;

namespace CollapseLab.Lm.Tests.Support;

/// <summary>
/// A temporary cache and small corpora for language-model tests: a pretraining directory whose texts already
/// use the document format (so a tiny base learns it in seconds) and a JSONL of real documents.
/// </summary>
public sealed class LmFixture : IDisposable
{
    private static readonly string[] Animals = ["cat", "dog", "bird", "fish", "cow"];
    private static readonly string[] Sounds = ["meow", "woof", "tweet", "blub", "moo"];
    private static readonly string[] Moods = ["softly", "loudly", "at night", "again"];
    private static readonly string[] Times = ["once", "twice", "often", "daily"];

    public string Root { get; } = Directory.CreateTempSubdirectory("collapselab-lm-").FullName;
    public CorpusCache Cache { get; }
    public string PretrainDirectory => Path.Combine(Root, "pretrain");
    public string SftFile => Path.Combine(Root, "sft.jsonl");

    public LmFixture()
    {
        Cache = new CorpusCache(Path.Combine(Root, "cache"));
        Directory.CreateDirectory(PretrainDirectory);
        for (int i = 0; i < 200; i++) File.WriteAllText(Path.Combine(PretrainDirectory, $"doc{i:000}.txt"), Text(i));
        File.WriteAllLines(SftFile, Enumerable.Range(0, 80).Select(i =>
            $"{{\"prompt\": \"{Animals[i % 5]}\", \"response\": \"{Response(i)}\", \"helpfulness\": 3}}"));
    }

    /// <summary>80 distinct responses: 5 animals × 4 moods × 4 times.</summary>
    private static string Response(int i) => $"the {Animals[i % 5]} says {Sounds[i % 5]} {Moods[i / 5 % 4]} {Times[i / 20 % 4]}.";

    private static string Text(int i) => $"user: {Animals[i % 5]}\nassistant: {Response(i)}";

    /// <summary>Parameters of a tiny setting on these corpora; <paramref name="overrides"/> win.</summary>
    public Dictionary<string, string> Parameters(params (string Name, object Value)[] overrides)
    {
        var parameters = new Dictionary<string, string>
        {
            ["preset"] = "tiny",
            ["tokenizer"] = "bytes", // the tests' token counts are bytes (not the setting's default, bpe: LmTokenizerTests)
            ["context"] = "64",
            ["pretrain-corpus"] = PretrainDirectory,
            ["pretrain-steps"] = "300",
            ["sft-data"] = SftFile,
            ["eval-docs"] = "16",
            ["epochs"] = "1", // the pretraining texts already use the format, so one pass is enough (not the setting's default of 10)
            ["batch-size"] = "8",
            ["lr"] = "0.002",
            ["torch-threads"] = "1",
        };
        foreach (var (name, value) in overrides) parameters[name] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
        return parameters;
    }

    public LmSetting Setting(params (string Name, object Value)[] overrides)
    {
        var setting = LmSetting.Create(Parameters(overrides), Cache);
        setting.PretrainProgress = null;
        return setting;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}
