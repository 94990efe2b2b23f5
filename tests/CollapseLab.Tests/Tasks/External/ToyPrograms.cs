using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Tasks.External;

/// <summary>
/// A tiny external model written into a temp directory: <c>toy.py</c> fits the mean of JSON-number lines, samples
/// N(mean, 1) with the step's seed, scores the squared mean and counts what it trained on. A <c>mode</c> parameter
/// makes one step misbehave at one iteration (e.g. <c>exit-sample@2</c>), as a broken user program would.
/// Real data: 200 numbers N(0, 1); test: 50.
/// </summary>
public sealed class ToyPrograms : IDisposable
{
    private readonly TempDirectory _directory = new();

    public string Path => _directory.Path;
    public string Real => _directory.File("real.jsonl");
    public string Test => _directory.File("test.jsonl");
    public string Script => _directory.File("toy.py");
    public string Workdir => _directory.File("work");

    /// <summary>Where a hanging step writes its process id.</summary>
    public string HangPid => _directory.File("hang.pid");

    public ToyPrograms(int realLines = 200)
    {
        var rng = new CollapseLab.Random.Rng(7);
        File.WriteAllLines(Real, Enumerable.Range(0, realLines).Select(_ => rng.NextGaussian().ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        File.WriteAllLines(Test, Enumerable.Range(0, 50).Select(_ => rng.NextGaussian().ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        File.WriteAllText(Script, ScriptText);
    }

    /// <summary>The Python that runs the toy (standard library only; ./test installs Debian's python3 where it can).</summary>
    public static string Interpreter { get; } = Python.With("json") ?? "python3";

    /// <summary>The commands (fit, sample, score, loglik) with the mode placeholder.</summary>
    public string Fit => $"{Interpreter} {Script} fit {{iteration}} {{mode}} {{train}} {{model}} {{seed}}";
    public string Sample => $"{Interpreter} {Script} sample {{iteration}} {{mode}} {{model}} {{n}} {{out}} {{seed}}";
    public string Score => $"{Interpreter} {Script} score {{iteration}} {{mode}} {{model}} {{test}}";
    public string LogLik => $"{Interpreter} {Script} loglik {{iteration}} {{mode}} {{model}} {{out}}";

    /// <summary>
    /// <c>collapse run external</c> arguments for these programs, with <paramref name="extra"/> appended; an extra
    /// <c>--real</c>, <c>--test</c>, <c>--fit</c>, <c>--sample</c>, <c>--score</c> or <c>--workdir</c> replaces the toy's.
    /// </summary>
    public string[] RunArguments(string mode = "ok", params string[] extra)
    {
        var options = new List<(string Name, string Value)>
        {
            ("--real", Real), ("--test", Test), ("--fit", Fit), ("--sample", Sample), ("--score", Score), ("--workdir", Workdir),
        };
        var rest = new List<string>();
        for (int i = 0; i < extra.Length; i++)
        {
            int replaced = options.FindIndex(o => o.Name == extra[i]);
            if (replaced >= 0 && i + 1 < extra.Length) options[replaced] = (extra[i], extra[++i]);
            else rest.Add(extra[i]);
        }
        return ["run", "external", .. options.SelectMany(o => new[] { o.Name, o.Value }), "--param", "mode=" + mode, .. rest];
    }

    /// <summary>The task parameters of the setting, as the catalogue takes them.</summary>
    public Dictionary<string, string> Parameters(string mode = "ok", string? workdir = null) => new()
    {
        ["real"] = Real, ["test"] = Test, ["fit"] = Fit, ["sample"] = Sample, ["score"] = Score, ["loglik"] = LogLik,
        ["workdir"] = workdir ?? Workdir, ["param.mode"] = mode,
    };

    private const string ScriptText = """
        import json, os, random, sys, time

        step, iteration, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        args = sys.argv[4:]
        kind, _, at = mode.partition("@")
        misbehave = kind if not at or int(at) == iteration else ""

        def read_numbers(path):
            return [json.loads(line) for line in open(path) if line.strip()]

        if misbehave == "slow":
            time.sleep(0.3)
        if misbehave == "exit-" + step:
            print("something went wrong in " + step, file=sys.stderr)
            sys.exit(3)
        if misbehave == "hang-" + step:
            with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hang.pid"), "w") as f:
                f.write(str(os.getpid()))
            time.sleep(600)

        if step == "fit":
            train, model, seed = args
            xs = read_numbers(train)
            json.dump({"mean": sum(xs) / len(xs), "count": len(xs), "seed": int(seed)}, open(os.path.join(model, "model.json"), "w"))
        elif step == "sample":
            model, n, out, seed = args
            p = json.load(open(os.path.join(model, "model.json")))
            r = random.Random(int(seed))
            count = int(n) - (1 if misbehave == "count-sample" else 0)
            with open(out, "w") as f:
                for i in range(count):
                    f.write("{not json\n" if misbehave == "badjson-sample" and i == 0 else json.dumps(r.gauss(p["mean"], 1.0)) + "\n")
        elif step == "score":
            model, test = args
            p = json.load(open(os.path.join(model, "model.json")))
            print("scoring", model)
            if misbehave != "nometrics-score":
                print(json.dumps({"sq_mean": p["mean"] ** 2, "train_lines": p["count"], "fit_seed": p["seed"]}))
        elif step == "loglik":
            model, out = args
            p = json.load(open(os.path.join(model, "model.json")))
            for x in read_numbers(out):
                print(-(x - p["mean"]) ** 2)
        """;

    public void Dispose() => _directory.Dispose();
}
