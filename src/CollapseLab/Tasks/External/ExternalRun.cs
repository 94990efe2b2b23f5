using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CollapseLab.Loop;
using CollapseLab.Random;

namespace CollapseLab.Tasks.External;

/// <summary>
/// One external run: its real lines, its directory, and the fit step of each iteration. Iteration t's files are in
/// <c>&lt;run directory&gt;/t/</c>; a step's completion marker holds the hash of what went in (its arguments, and the
/// training set or the model it read), so a rerun after a crash reuses exactly the steps that finished.
/// </summary>
/// <param name="setting">The run's view of the setting (its directory and cancellation).</param>
/// <param name="real">Generation 0: n lines of the real data.</param>
/// <param name="unused">Real lines not in generation 0, the source of fresh real data.</param>
/// <param name="directory">The run's directory (absolute).</param>
/// <param name="process">Runs the steps' programs with the setting's timeout and the run's cancellation.</param>
internal sealed class ExternalRun(ExternalSetting setting, JsonLines real, List<string> unused, string directory, StepProcess process)
    : ITaskRun<JsonLines>, IFreshRealData<JsonLines>
{
    private int _iteration;

    public JsonLines Real { get; } = real;
    public ExternalSetting Setting { get; } = setting;
    public StepProcess Process { get; } = process;

    /// <summary>The run's directory (absolute).</summary>
    public string Directory { get; } = directory;

    /// <summary>
    /// Writes the training set to <c>train.jsonl</c> (streamed, line by line) and runs the fit program on it, unless
    /// the fit of this iteration finished before on the same training set and arguments. The fit stream gives the
    /// {seed} of fit, score and loglik, in that order.
    /// </summary>
    public IModel<JsonLines> Fit(TrainingSet<JsonLines> train, Rng rng)
    {
        int t = ++_iteration;
        long fitSeed = StepSeed(rng), scoreSeed = StepSeed(rng), loglikSeed = StepSeed(rng);
        string iteration = Path.Combine(Directory, t.ToString(CultureInfo.InvariantCulture));
        string model = Path.Combine(iteration, "model"), trainFile = Path.Combine(iteration, "train.jsonl");
        string pending = Path.Combine(Directory, $".train-{t}.jsonl.tmp");
        string trainHash = WriteTrainingSet(train, pending);

        var values = Placeholders(t, fitSeed, iteration);
        values["train"] = trainFile;
        var arguments = Setting.Fit.Arguments(values);
        string key = StepKey("fit", arguments, trainHash);
        string marker = Path.Combine(iteration, "fit.done");
        if (StepMarker.Matches(marker, key) && System.IO.Directory.Exists(model))
        {
            File.Delete(pending);
            Log("reused", "fit", t);
        }
        else
        {
            // Whatever an unfinished attempt left here (a half-written model, later steps' files) goes.
            if (System.IO.Directory.Exists(iteration)) System.IO.Directory.Delete(iteration, recursive: true);
            System.IO.Directory.CreateDirectory(model);
            File.Move(pending, trainFile);
            Process.Run("fit", t, arguments, iteration);
            StepMarker.Write(marker, key);
            Log("ran", "fit", t);
        }
        return new ExternalModel(this, t, iteration, key, scoreSeed, loglikSeed);
    }

    /// <summary><paramref name="n"/> real lines drawn without replacement from those this run has not used yet.</summary>
    public JsonLines DrawReal(int n, Rng rng)
    {
        if (n > unused.Count)
            throw new InvalidOperationException($"fresh real data exhausted: {n} lines asked, {unused.Count} unused lines of --real left (lower --fresh-real or --iterations, or give a larger --real)");
        var chosen = rng.SampleWithoutReplacement(unused.Count, n);
        var lines = chosen.Select(i => unused[i]).ToArray();
        foreach (int i in chosen.OrderDescending()) unused.RemoveAt(i);
        return new JsonLines(lines);
    }

    /// <summary>The placeholders every command of iteration <paramref name="t"/> has, the user's parameters included.</summary>
    public Dictionary<string, string> Placeholders(int t, long seed, string iteration)
    {
        var values = new Dictionary<string, string>(Setting.UserParameters, StringComparer.Ordinal)
        {
            ["model"] = Path.Combine(iteration, "model"),
            ["test"] = Path.GetFullPath(Setting.TestPath),
            ["iteration"] = t.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["workdir"] = iteration,
        };
        return values;
    }

    /// <summary>Appends "ran fit 3" or "reused fit 3" to the run's <c>steps.log</c> (what a test of resume reads).</summary>
    public void Log(string what, string step, int t) =>
        File.AppendAllText(Path.Combine(Directory, "steps.log"), $"{what} {step} {t.ToString(CultureInfo.InvariantCulture)}\n");

    /// <summary>The identity of a step: its name, its arguments and the hash of what it read.</summary>
    public static string StepKey(string step, string[] arguments, string inputHash)
    {
        var text = new StringBuilder(step).Append('\0');
        foreach (var argument in arguments) text.Append(argument).Append('\0');
        text.Append(inputHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A step's {seed}: a non-negative 31-bit integer, so that every program's seed argument accepts it.</summary>
    private static long StepSeed(Rng rng) => (long)(rng.NextUInt64() >> 33);

    /// <summary>Writes the training set's lines, part by part (never the whole set as one string), and returns their SHA-256.</summary>
    private static string WriteTrainingSet(TrainingSet<JsonLines> train, string path)
    {
        using var sha = SHA256.Create();
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var hashed = new CryptoStream(file, sha, CryptoStreamMode.Write))
        using (var writer = JsonlFile.CreateWriter(hashed))
        {
            foreach (var part in train.Selection.Parts)
            {
                var lines = train.Pool[part.Entry].Lines;
                if (part.Rows is null)
                    foreach (var line in lines) writer.WriteLine(line);
                else
                    foreach (int row in part.Rows) writer.WriteLine(lines[row]);
            }
        }
        return Convert.ToHexStringLower(sha.Hash!);
    }
}
