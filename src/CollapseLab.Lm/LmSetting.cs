using System.Globalization;
using CollapseLab.Lm.Corpora;
using CollapseLab.Lm.Model;
using CollapseLab.Lm.Training;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Tasks;
using static TorchSharp.torch;

namespace CollapseLab.Lm;

/// <summary>
/// Language-model setting (DESIGN §4.3): a small GPT pretrained once on general English (the base); each
/// iteration fine-tunes a fresh copy of the base on the workflow's documents, measures its cross-entropy on
/// held-out real documents, and samples the next generation. Real data: a fetched corpus (<see cref="SftCorpus"/>: by
/// default questions, such as WordNet's <c>user: What does the noun "X" mean?\nassistant: {gloss}</c>), or the user's JSONL; pretraining: the Brown Corpus, or the user's text files.
/// </summary>
public sealed class LmSetting : TaskSetting<Documents>, IPreparable
{
    /// <summary>Seed of the fixed split of the real documents into training pool and validation set (the same for every run).</summary>
    private const ulong SplitSeed = 0;

    public static IReadOnlyList<ParameterSpec> Specs { get; } =
    [
        ParameterSpec.Choice("preset", "model shape: tiny (tests, ~0.12M parameters), small (~0.86M), medium (~4.9M)", "small", "tiny", "small", "medium"),
        ParameterSpec.Int("layers", "transformer blocks (default: the preset's)", null, min: 1),
        ParameterSpec.Int("width", "embedding width, a multiple of --heads (default: the preset's)", null, min: 1),
        ParameterSpec.Int("heads", "attention heads (default: the preset's)", null, min: 1),
        ParameterSpec.Int("context", "longest document in tokens (bytes + end-of-text), ≥ 16; longer real documents are dropped (default: the preset's)", null, min: 1),
        ParameterSpec.Text("pretrain-corpus", "directory of text files to pretrain the base on (default: the Brown Corpus from 'collapse data fetch')", null, "a directory")
            with { Input = ParameterInput.Directory },
        ParameterSpec.Int("pretrain-steps", "pretraining steps of the base (default: the preset's)", null, min: 1),
        ParameterSpec.Choice("init", "what each iteration trains: base (a fresh copy of the pretrained base, fine-tuned) or scratch (a freshly initialised model from the run's own initialisation stream, trained on the workflow's documents alone; no base is pretrained)",
            LmInit.Base, LmInit.Base, LmInit.Scratch) with { OmitWhenDefault = true },
        ParameterSpec.Int("base-seed", "seed of the base model's pretraining (shared by every run)", 0, min: 0),
        // Recorded with every run (not left out at its default): runs made when fortunes was the default and omitted have
        // no such column, so their ids can never coincide with a run of today's default.
        ParameterSpec.Choice("sft-corpus", "the fetched real documents ('collapse data fetch'): questions (wordnet + devil + riddles), fortunes (prompt = topic name), wordnet (\"What does the noun X mean?\" → gloss), devil (The Devil's Dictionary), riddles (Q:/A: fortunes); ignored with --sft-data",
            SftCorpus.Default, SftCorpus.Names),
        ParameterSpec.Text("sft-data", "JSONL file of {\"prompt\", \"response\"} objects, the real documents (default: the --sft-corpus)", null, "a file")
            with { Input = ParameterInput.File },
        ParameterSpec.Int("eval-docs", "real documents held out (a fixed split) to measure eval_loss on", 500, min: 1),
        ParameterSpec.Int("epochs", "fine-tuning passes over the training documents (10: at n = 200 fewer leave most sampled documents malformed, docs/lm.md)", FineTuneOptions.DefaultEpochs, min: 1),
        ParameterSpec.Int("equal-steps", "fine-tune for exactly this many optimizer steps whatever the number of documents (reshuffled passes, the last cut short; overrides --epochs), so more data is not more training; a mixture study's generator keeps --epochs", null, min: 1),
        ParameterSpec.Real("lr", "fine-tuning learning rate (AdamW, after warm-up)", FineTuneOptions.DefaultLearningRate, above: 0),
        ParameterSpec.Int("batch-size", "documents per fine-tuning step", FineTuneOptions.DefaultBatchSize, min: 1),
        ParameterSpec.Int("warmup-steps", "fine-tuning steps of linear learning-rate warm-up, constant after", 10, min: 0),
        ParameterSpec.Real("temperature", "sampling temperature", 1.0, above: 0),
        ParameterSpec.Int("sample-attempts", "sequences written per kept document before the run fails for want of well-formed ones", 20, min: 1),
        ParameterSpec.Int("torch-threads", "libtorch threads per run (results are bit-identical only for the same count)", 1, min: 1),
        ParameterSpec.Choice("device", "where libtorch computes (cuda needs a CUDA libtorch package instead of libtorch-cpu)", "cpu", "cpu", "cuda"),
        ParameterSpec.Text("generations-dir", "directory to write each run's synthetic generations to, as JSONL (default: none; collapse run puts them next to --out)", null, "a directory"),
    ];

    public static TaskInfo Info { get; } = new("lm",
        "small GPT pretrained once, fine-tuned on prompt/response documents each iteration, sampled with a KV cache",
        Specs, p => new LmSetting(p)) { FetchData = FetchDefaultCorpora };

    public override string Name => "lm";

    public override ParameterValues Parameters { get; }

    public GptConfig Config { get; }
    public PretrainOptions Pretraining { get; }
    public FineTuneOptions FineTuning { get; }
    public double Temperature { get; }
    public int SampleAttempts { get; }
    public int EvalDocs { get; }
    public int TorchThreads { get; }
    public string DeviceName { get; }

    /// <summary>True when every iteration trains a freshly initialised model instead of fine-tuning the base (<c>--init scratch</c>).</summary>
    public bool FromScratch { get; }
    public string? GenerationsDirectory { get; }

    /// <summary>Where pretraining reports progress; by default a line on stderr every 10 seconds.</summary>
    public IProgress<PretrainProgress>? PretrainProgress { get; set; }

    private readonly CorpusCache _cache;
    private readonly bool _needsRealData;
    private readonly Lazy<LmData> _data;
    private readonly Lazy<PretrainCorpus> _pretrainCorpus;
    private readonly Lazy<IReadOnlyList<long[]>> _corpusEvalTokens;
    private readonly Lazy<Gpt> _base;
    private readonly string? _runLabel;

    public LmSetting(ParameterValues parameters) : this(parameters, CorpusCache.Default)
    {
    }

    /// <summary>
    /// The setting with corpora and base models in <paramref name="cache"/> instead of the user's cache;
    /// <paramref name="needsRealData"/> false for only pretraining the base (no fine-tuning documents needed). Nothing is
    /// read or probed here (a store's rows rebuild the setting on any machine): <see cref="Validate"/> checks the corpora
    /// and the device before runs start.
    /// </summary>
    /// <exception cref="InvalidParameterException">An impossible model shape.</exception>
    public LmSetting(ParameterValues parameters, CorpusCache cache, bool needsRealData = true)
    {
        Parameters = parameters;
        _cache = cache;
        _needsRealData = needsRealData;
        var preset = parameters.Text("preset") switch { "tiny" => GptConfig.Tiny, "medium" => GptConfig.Medium, _ => GptConfig.Small };
        Config = new GptConfig(
            Optional(parameters, "layers") ?? preset.Layers,
            Optional(parameters, "width") ?? preset.Width,
            Optional(parameters, "heads") ?? preset.Heads,
            Optional(parameters, "context") ?? preset.Context);
        if (Config.Problem() is var (field, message))
            throw new InvalidParameterException(field, $"invalid model for task lm: {message}");
        Pretraining = new PretrainOptions(Optional(parameters, "pretrain-steps") ?? PretrainOptions.DefaultSteps(preset),
            LearningRate: PretrainOptions.DefaultLearningRate(Config), Seed: (ulong)parameters.Int("base-seed"));
        FineTuning = new FineTuneOptions(parameters.Int("epochs"), parameters.Real("lr"), parameters.Int("batch-size"), parameters.Int("warmup-steps"),
            Steps: Optional(parameters, "equal-steps"));
        Temperature = parameters.Real("temperature");
        SampleAttempts = parameters.Int("sample-attempts");
        EvalDocs = parameters.Int("eval-docs");
        TorchThreads = parameters.Int("torch-threads");
        DeviceName = parameters.Text("device")!;
        FromScratch = parameters.Text("init") == LmInit.Scratch;
        GenerationsDirectory = parameters.Text("generations-dir");
        PretrainProgress = new StderrProgress($"lm: pretraining the base model ({Config.ParameterCount:N0} parameters)");
        _data = new Lazy<LmData>(LoadData);
        _pretrainCorpus = new Lazy<PretrainCorpus>(LoadPretrainCorpus);
        _corpusEvalTokens = new Lazy<IReadOnlyList<long[]>>(() => _pretrainCorpus.Value.Windows(CorpusEvalWindows, Config.Context));
        _base = new Lazy<Gpt>(() => LoadOrPretrainBase(PretrainProgress));
    }

    /// <summary>A view of <paramref name="shared"/> for one run: same data and base, generations named after the run.</summary>
    private LmSetting(LmSetting shared, string runLabel)
    {
        Parameters = shared.Parameters;
        _cache = shared._cache;
        _needsRealData = shared._needsRealData;
        Config = shared.Config;
        Pretraining = shared.Pretraining;
        FineTuning = shared.FineTuning;
        Temperature = shared.Temperature;
        SampleAttempts = shared.SampleAttempts;
        EvalDocs = shared.EvalDocs;
        TorchThreads = shared.TorchThreads;
        DeviceName = shared.DeviceName;
        FromScratch = shared.FromScratch;
        GenerationsDirectory = shared.GenerationsDirectory;
        PretrainProgress = shared.PretrainProgress;
        _data = shared._data;
        _pretrainCorpus = shared._pretrainCorpus;
        _corpusEvalTokens = shared._corpusEvalTokens;
        _base = shared._base;
        _runLabel = runLabel;
    }

    /// <summary>The setting from parameter text (name → value), as the CLI gives it.</summary>
    public static LmSetting Create(IReadOnlyDictionary<string, string> parameters, CorpusCache? cache = null, bool needsRealData = true) =>
        new(ParameterValues.Parse(Specs, parameters, "task lm"), cache ?? CorpusCache.Default, needsRealData);

    public override int MinimumSamples => 1;

    /// <summary>
    /// Fresh real data are real documents no run sample has used yet; documents can be scored by the model that wrote
    /// them (curation <c>model-top</c>); the base model before fine-tuning can be scored (a mixture study's (0, 0) cell).
    /// </summary>
    public override TaskAbilities Abilities => TaskAbilities.FreshRealData | TaskAbilities.ModelLikelihood | TaskAbilities.UnfittedModel;

    /// <summary>Runs the loop with generations written under the run's workflow, seed and id.</summary>
    public override RunResult Run(RunSpec spec, CancellationToken cancellation = default) =>
        GenerationLoop.Run(new LmSetting(this, $"lm-{spec.Workflow.Name}-seed{spec.Seed}-{spec.Id}"), spec, cancellation);

    /// <summary>The real documents: the training pool and the held-out validation set (fixed for every run).</summary>
    public LmData Data => _data.Value;

    /// <summary>Context-long windows of the pretraining corpus a from-scratch model's <c>corpus_eval_loss</c> is measured on.</summary>
    public const int CorpusEvalWindows = 64;

    /// <summary>
    /// Held-out real text for a from-scratch model: <see cref="CorpusEvalWindows"/> evenly spaced context-long windows of
    /// the pretraining corpus, which such a model never trains on (computed once).
    /// </summary>
    public IReadOnlyList<long[]> CorpusEvalTokens => _corpusEvalTokens.Value;

    /// <summary>The base model (pretrained now if it is not cached), shared read-only by every run of this setting.</summary>
    public Gpt Base => _base.Value;

    /// <summary>The checkpoint file of this setting's base model and whether it is already there.</summary>
    public (string Path, bool Cached) BaseCheckpoint()
    {
        var store = new BaseModelStore(_cache.ModelsDirectory);
        var corpus = _pretrainCorpus.Value;
        return (store.CheckpointPath(Config, Pretraining, corpus, TorchThreads), store.Contains(Config, Pretraining, corpus, TorchThreads));
    }

    /// <summary>Pretrains the base model unless it is cached (what <c>collapse lm pretrain</c> does); returns its checkpoint path.</summary>
    public string PretrainBase(IProgress<PretrainProgress>? progress)
    {
        var device = TorchRuntime.Configure(TorchThreads, DeviceName);
        var store = new BaseModelStore(_cache.ModelsDirectory);
        var corpus = _pretrainCorpus.Value;
        using var model = store.LoadOrTrain(Config, Pretraining, corpus, device, TorchThreads, progress);
        return store.CheckpointPath(Config, Pretraining, corpus, TorchThreads);
    }

    /// <summary>
    /// Loads the base model, pretraining and caching it first (progress lines to <paramref name="log"/>) when it is not
    /// cached, and reads the real documents: what the first run would otherwise do silently.
    /// </summary>
    public void Prepare(Action<string> log)
    {
        if (FromScratch)
        {
            _ = CorpusEvalTokens;
        }
        else if (!_base.IsValueCreated)
        {
            var (path, cached) = BaseCheckpoint();
            if (cached)
            {
                log($"lm: base model ({Config}) from the cache: {path}");
            }
            else
            {
                log($"lm: pretraining the base model ({Config}; {Config.ParameterCount:N0} parameters) for {Pretraining.Steps} steps "
                    + $"on {TorchThreads} thread(s), once: it is cached as {path}");
                PretrainBase(new LogProgress(log, "lm: pretraining"));
            }
            _ = Base;
        }
        _ = Data;
    }

    /// <summary>
    /// Checks, before any run, what the parameters name: the real documents (the --sft-corpus in the cache, or --sft-data
    /// parsed line by line) and that --eval-docs leaves some for training, the pretraining corpus (not empty), that
    /// --generations-dir is not a file, and that a cuda device exists. Reads the documents and the corpus once (runs reuse them).
    /// </summary>
    /// <exception cref="InvalidParameterException">The first of these that fails, naming its parameter (and file:line for bad JSONL).</exception>
    public override void Validate()
    {
        CheckDataExists(Parameters, _cache, _needsRealData);
        if (GenerationsDirectory is { } generations && File.Exists(generations))
            throw new InvalidParameterException("generations-dir", $"invalid --generations-dir '{generations}' for task lm: it is a file; expected a directory (created when missing)");
        if (_needsRealData)
        {
            try
            {
                _ = Data;
            }
            catch (CorpusException e)
            {
                throw new InvalidParameterException(Parameters.Text("sft-data") is null ? "sft-corpus" : "sft-data", $"invalid real documents for task lm: {e.Message}");
            }
        }
        try
        {
            _ = _pretrainCorpus.Value;
        }
        catch (CorpusException e)
        {
            throw new InvalidParameterException("pretrain-corpus", $"invalid pretraining corpus for task lm: {e.Message}");
        }
        if (DeviceName == "cuda")
        {
            try
            {
                TorchRuntime.Configure(TorchThreads, DeviceName);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidParameterException("device", e.Message);
            }
        }
    }

    public override ITaskRun<Documents> Start(int samples, ulong seed)
    {
        var data = Data;
        if (samples > data.Pool.Count)
            throw new InvalidParameterException("samples",
                $"invalid --samples {samples} for task lm: only {data.Pool.Count} real documents remain for training after holding out {data.Validation.Count}");
        var drawn = Rng.For(seed, RngStream.Real).SampleWithoutReplacement(data.Pool.Count, samples);
        var real = data.Pool.Take(drawn);
        var taken = drawn.ToHashSet();
        var unused = Enumerable.Range(0, data.Pool.Count).Where(i => !taken.Contains(i)).Select(i => data.Pool.Items[i]).ToList();
        string? generations = GenerationsDirectory is null ? null
            : Path.Combine(GenerationsDirectory, (_runLabel ?? $"lm-seed{seed}") + ".jsonl");
        if (generations is not null)
        {
            Directory.CreateDirectory(GenerationsDirectory!);
            File.WriteAllText(generations, ""); // a rerun replaces, never appends to, an earlier run's file
        }
        if (!FromScratch) _ = Base; // pretrain (or load) before the first fit, outside its timing
        return new LmRun(this, real, unused, samples, generations, Rng.For(seed, RngStream.Setup));
    }

    private LmData LoadData()
    {
        string? sftData = Parameters.Text("sft-data");
        var documents = sftData is null ? SftCorpus.Read(Parameters.Text("sft-corpus")!, _cache) : SftJsonl.Read(sftData);
        return LmData.Split(documents, Config.Context, EvalDocs, new Rng(SplitSeed));
    }

    private PretrainCorpus LoadPretrainCorpus() =>
        Parameters.Text("pretrain-corpus") is { } directory ? PretrainCorpus.FromDirectory(directory) : PretrainCorpus.Brown(_cache);

    private Gpt LoadOrPretrainBase(IProgress<PretrainProgress>? progress)
    {
        var device = TorchRuntime.Configure(TorchThreads, DeviceName);
        return new BaseModelStore(_cache.ModelsDirectory).LoadOrTrain(Config, Pretraining, _pretrainCorpus.Value, device, TorchThreads, progress);
    }

    /// <summary>
    /// Fetches the corpora into the user's cache, as <c>collapse data fetch</c> does (<see cref="TaskInfo.FetchData"/>, for
    /// <c>reproduce</c>), except that corpora the default real documents do not read are optional.
    /// </summary>
    /// <exception cref="TaskDataException">The Brown Corpus or a corpus of the default real documents cannot be fetched; the message says why and what to run once that is fixed.</exception>
    private static void FetchDefaultCorpora(Action<string> log)
    {
        try
        {
            var fetcher = new CorpusFetcher(CorpusCache.Default, line => log($"lm: {line}"));
            fetcher.FetchBrown();
            var required = SftCorpus.Sources(SftCorpus.Default);
            fetcher.FetchDebianCorpora(required, DebianCorpus.All.Except(required));
        }
        catch (CorpusException e)
        {
            throw new TaskDataException($"the language model's corpora could not be fetched: {e.Message}. Once that is fixed, run 'collapse data fetch' (or rerun this command)", e);
        }
    }

    /// <summary>Missing corpora are bad input, reported before any run starts (by <see cref="Validate"/>), with the command that fetches them.</summary>
    private static void CheckDataExists(ParameterValues parameters, CorpusCache cache, bool needsRealData)
    {
        if (needsRealData && parameters.Text("sft-data") is { } sftData && !File.Exists(sftData))
            throw new InvalidParameterException("sft-data", $"invalid --sft-data '{sftData}' for task lm: no such file");
        if (needsRealData && parameters.Text("sft-data") is null
            && SftCorpus.Sources(parameters.Text("sft-corpus")!).FirstOrDefault(c => !Directory.Exists(cache.CorpusDirectory(c))) is { } missing)
            throw new InvalidParameterException("sft-corpus",
                $"the {missing.Name} corpus is not in the cache ({cache.CorpusDirectory(missing)}); run 'collapse data fetch' first, or give --sft-data FILE.jsonl");
        if (parameters.Text("pretrain-corpus") is { } corpus && !Directory.Exists(corpus))
            throw new InvalidParameterException("pretrain-corpus", $"invalid --pretrain-corpus '{corpus}' for task lm: no such directory");
        if (parameters.Text("pretrain-corpus") is null && !File.Exists(cache.BrownArchive))
            throw new InvalidParameterException("pretrain-corpus",
                $"the Brown Corpus is not in the cache ({cache.BrownArchive}); run 'collapse data fetch' first, or give --pretrain-corpus DIR");
    }

    /// <summary>The device this setting computes on (libtorch configured for its thread count).</summary>
    internal Device Device() => TorchRuntime.Configure(TorchThreads, DeviceName);

    private static int? Optional(ParameterValues parameters, string name) =>
        parameters.Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    /// <summary>Progress lines on stderr, prefixed.</summary>
    private sealed class StderrProgress(string prefix) : IProgress<PretrainProgress>
    {
        public void Report(PretrainProgress value) => Console.Error.WriteLine($"{prefix}: {value}");
    }

    /// <summary>Progress lines to a log, prefixed, on the reporting thread.</summary>
    private sealed class LogProgress(Action<string> log, string prefix) : IProgress<PretrainProgress>
    {
        public void Report(PretrainProgress value) => log($"{prefix}: {value}");
    }
}
