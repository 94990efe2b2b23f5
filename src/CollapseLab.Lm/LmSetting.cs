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
public sealed class LmSetting : TaskSetting<Documents>, IPreparable, IRunCostModel
{
    /// <summary>Seed of the fixed split of the real documents into training pool and validation set (the same for every run).</summary>
    private const ulong SplitSeed = 0;

    /// <summary>The catalogue entry of <c>lm</c>; add it to a catalogue (<c>TaskCatalog.BuiltIn.With(LmSetting.Info)</c>) to name the task.</summary>
    public static TaskInfo Info { get; } = new("lm",
        "small GPT pretrained once, fine-tuned on prompt/response documents each iteration, sampled with a KV cache",
        LmParameters.Declaration.Specs, p => new LmSetting(LmParameters.Declaration.Read(p)))
    {
        FetchData = FetchDefaultCorpora,
        // Runs stored before the questions and the BPE became the defaults left sft-corpus and tokenizer out at their
        // then defaults, the fortunes and bytes.
        StoredDefaults = new Dictionary<string, string> { ["sft-corpus"] = SftCorpus.Fortunes, ["tokenizer"] = ByteTokenizer.Name },
    };

    /// <inheritdoc/>
    public override string Name => "lm";

    /// <inheritdoc/>
    public override ParameterValues Parameters { get; }

    /// <summary>The typed parameters.</summary>
    public LmParameters Options { get; }

    /// <summary>The model's shape: the preset's, with any of layers, width, heads and context given overriding it; the vocabulary the tokenizer's.</summary>
    public GptConfig Config { get; }
    /// <summary>How the base model is pretrained (steps, learning rate, seed).</summary>
    public PretrainOptions Pretraining { get; }
    /// <summary>How each iteration fine-tunes a fresh copy of the base (epochs or a step budget, learning rate, batch size).</summary>
    public FineTuneOptions FineTuning { get; }
    /// <summary>Sampling temperature τ: logits are divided by it (1 samples the model as it is).</summary>
    public double Temperature => Options.Temperature;
    /// <summary>Sequences written per kept document at most, before a run fails for want of well-formed ones.</summary>
    public int SampleAttempts => Options.SampleAttempts;
    /// <summary>Real documents held out (a fixed split) to measure <c>eval_loss</c> on.</summary>
    public int EvalDocs => Options.EvalDocs;
    /// <summary>libtorch threads per run; results are bit-identical only for the same count.</summary>
    public int TorchThreads => Options.TorchThreads;
    /// <summary>Where libtorch computes: <c>cpu</c> or <c>cuda</c>.</summary>
    public string DeviceName => Options.Device;
    /// <summary>True when every iteration trains a freshly initialised model instead of fine-tuning the base (<c>--init scratch</c>).</summary>
    public bool FromScratch => Options.Init == LmInit.Scratch;
    /// <summary>The directory each run's synthetic generations are written to as JSONL, or null for none.</summary>
    public string? GenerationsDirectory => Options.GenerationsDir;

    /// <summary>Where pretraining reports progress; by default a line on stderr every 10 seconds.</summary>
    public IProgress<PretrainProgress>? PretrainProgress { get; set; }

    private readonly CorpusCache _cache;
    private readonly bool _needsRealData;
    private readonly Lazy<LmData> _data;
    private readonly Lazy<PretrainCorpus> _pretrainCorpus;
    private readonly Lazy<IReadOnlyList<long[]>> _corpusEvalTokens;
    private readonly Lazy<Gpt> _base;
    private readonly Lazy<Tokenizer> _tokenizer;
    private readonly string? _runLabel;

    /// <summary>
    /// The setting with <paramref name="parameters"/> (default: the small preset on the question corpora), corpora and base models
    /// in <paramref name="cache"/> (default: the user's cache); <paramref name="needsRealData"/> false for only pretraining
    /// the base (no fine-tuning documents needed). Nothing is read or probed here (a store's rows rebuild the setting on
    /// any machine): <see cref="Validate"/> checks the corpora and the device before runs start.
    /// </summary>
    /// <exception cref="InvalidParameterException">A parameter out of range, or an impossible model shape.</exception>
    public LmSetting(LmParameters? parameters = null, CorpusCache? cache = null, bool needsRealData = true)
    {
        Options = parameters ?? new();
        Parameters = LmParameters.Declaration.Write(Options);
        _cache = cache ?? CorpusCache.Default;
        _needsRealData = needsRealData;
        var o = Options;
        var preset = o.Preset switch { "tiny" => GptConfig.Tiny, "medium" => GptConfig.Medium, _ => GptConfig.Small };
        if (o.Tokenizer == ByteTokenizer.Name && o.VocabSize != LmParameters.DefaultVocabSize)
            throw new InvalidParameterException("vocab-size",
                $"invalid {InvalidParameterException.Name("vocab-size")} {o.VocabSize} for task lm: it sizes the bpe tokenizer; the byte tokenizer's vocabulary is always 257 (add {InvalidParameterException.Name("tokenizer")} bpe)");
        int vocabulary = o.Tokenizer == BpeTokenizer.Name ? o.VocabSize : ByteTokenizer.Instance.VocabularySize;
        Config = new GptConfig(o.Layers ?? preset.Layers, o.Width ?? preset.Width, o.Heads ?? preset.Heads, o.Context ?? preset.Context, vocabulary);
        if (Config.Problem() is var (field, message))
            throw new InvalidParameterException(field, $"invalid model for task lm: {message}");
        Pretraining = new PretrainOptions(o.PretrainSteps ?? PretrainOptions.DefaultSteps(preset),
            LearningRate: PretrainOptions.DefaultLearningRate(Config), Seed: (ulong)o.BaseSeed);
        FineTuning = new FineTuneOptions(o.Epochs, o.Lr, o.BatchSize, o.WarmupSteps, Steps: o.EqualSteps);
        PretrainProgress = new StderrProgress($"lm: pretraining the base model ({Config.ParameterCount:N0} parameters)");
        _data = new Lazy<LmData>(LoadData);
        _pretrainCorpus = new Lazy<PretrainCorpus>(LoadPretrainCorpus);
        _corpusEvalTokens = new Lazy<IReadOnlyList<long[]>>(() => _pretrainCorpus.Value.Windows(CorpusEvalWindows, Config.Context, Tokenizer));
        _base = new Lazy<Gpt>(() => LoadOrPretrainBase(PretrainProgress));
        _tokenizer = new Lazy<Tokenizer>(LoadOrLearnTokenizer);
    }

    /// <summary>A view of <paramref name="shared"/> for one run: same data and base, generations named after the run.</summary>
    private LmSetting(LmSetting shared, string runLabel)
    {
        Options = shared.Options;
        Parameters = shared.Parameters;
        _cache = shared._cache;
        _needsRealData = shared._needsRealData;
        Config = shared.Config;
        Pretraining = shared.Pretraining;
        FineTuning = shared.FineTuning;
        PretrainProgress = shared.PretrainProgress;
        _data = shared._data;
        _pretrainCorpus = shared._pretrainCorpus;
        _corpusEvalTokens = shared._corpusEvalTokens;
        _base = shared._base;
        _tokenizer = shared._tokenizer;
        _runLabel = runLabel;
    }

    /// <summary>The setting from parameter text (name → value), as the CLI gives it.</summary>
    /// <exception cref="InvalidParameterException">An unknown name, or a value that is not accepted.</exception>
    public static LmSetting Create(IReadOnlyDictionary<string, string> parameters, CorpusCache? cache = null, bool needsRealData = true) =>
        new(LmParameters.Declaration.Parse(parameters), cache, needsRealData);

    /// <inheritdoc/>
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

    /// <summary>
    /// How text becomes tokens (<c>--tokenizer</c>): bytes, or a BPE learnt on the pretraining corpus (now, if it is not
    /// cached in the models folder), shared by every run of this setting.
    /// </summary>
    public Tokenizer Tokenizer => _tokenizer.Value;

    /// <summary>The base model (pretrained now if it is not cached), shared read-only by every run of this setting.</summary>
    public Gpt Base => _base.Value;

    /// <summary>The checkpoint file of this setting's base model and whether it is already there.</summary>
    public (string Path, bool Cached) BaseCheckpoint()
    {
        var store = new BaseModelStore(_cache.ModelsDirectory);
        var corpus = _pretrainCorpus.Value;
        return (store.CheckpointPath(Config, Pretraining, corpus, TorchThreads, Tokenizer), store.Contains(Config, Pretraining, corpus, TorchThreads, Tokenizer));
    }

    /// <summary>Pretrains the base model unless it is cached (what <c>collapse lm pretrain</c> does); returns its checkpoint path.</summary>
    public string PretrainBase(IProgress<PretrainProgress>? progress)
    {
        var device = TorchRuntime.Configure(TorchThreads, DeviceName);
        var store = new BaseModelStore(_cache.ModelsDirectory);
        var corpus = _pretrainCorpus.Value;
        using var model = store.LoadOrTrain(Config, Pretraining, corpus, Tokenizer, device, TorchThreads, progress);
        return store.CheckpointPath(Config, Pretraining, corpus, TorchThreads, Tokenizer);
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
        // The bpe reads the pretraining corpus before the real documents can be tokenised: a bad corpus is its own error.
        if (Options.Tokenizer == BpeTokenizer.Name) CheckPretrainCorpus();
        if (GenerationsDirectory is { } generations && File.Exists(generations))
            throw new InvalidParameterException("generations-dir", $"invalid {InvalidParameterException.Name("generations-dir")} '{generations}' for task lm: it is a file; expected a directory (created when missing)");
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
        CheckPretrainCorpus();
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

    /// <inheritdoc/>
    /// <exception cref="InvalidParameterException">Fewer than <paramref name="samples"/> real documents remain for training after the held-out ones.</exception>
    public override ITaskRun<Documents> Start(int samples, ulong seed)
    {
        var data = Data;
        if (samples > data.Pool.Count)
            throw new InvalidParameterException("samples",
                $"invalid {InvalidParameterException.Name("samples")} {samples} for task lm: only {data.Pool.Count} real documents remain for training after holding out {data.Validation.Count}");
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
        return LmData.Split(documents, Tokenizer, Config.Context, EvalDocs, new Rng(SplitSeed));
    }

    private PretrainCorpus LoadPretrainCorpus() =>
        Parameters.Text("pretrain-corpus") is { } directory ? PretrainCorpus.FromDirectory(directory) : PretrainCorpus.Brown(_cache);

    private Gpt LoadOrPretrainBase(IProgress<PretrainProgress>? progress)
    {
        var device = TorchRuntime.Configure(TorchThreads, DeviceName);
        return new BaseModelStore(_cache.ModelsDirectory).LoadOrTrain(Config, Pretraining, _pretrainCorpus.Value, Tokenizer, device, TorchThreads, progress);
    }

    private Tokenizer LoadOrLearnTokenizer()
    {
        if (Options.Tokenizer == ByteTokenizer.Name) return ByteTokenizer.Instance;
        var corpus = _pretrainCorpus.Value;
        return BpeTokenizer.LoadOrLearn(_cache.ModelsDirectory, corpus.Sha256, corpus.Texts, Options.VocabSize, line => Console.Error.WriteLine($"lm: {line}"));
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

    private void CheckPretrainCorpus()
    {
        try
        {
            _ = _pretrainCorpus.Value;
        }
        catch (CorpusException e)
        {
            throw new InvalidParameterException("pretrain-corpus", $"invalid pretraining corpus for task lm: {e.Message}");
        }
    }

    /// <summary>Missing corpora are bad input, reported before any run starts (by <see cref="Validate"/>), with the command that fetches them.</summary>
    private static void CheckDataExists(ParameterValues parameters, CorpusCache cache, bool needsRealData)
    {
        if (needsRealData && parameters.Text("sft-data") is { } sftData && !File.Exists(sftData))
            throw new InvalidParameterException("sft-data", $"invalid {InvalidParameterException.Name("sft-data")} '{sftData}' for task lm: no such file");
        if (needsRealData && parameters.Text("sft-data") is null
            && SftCorpus.Sources(parameters.Text("sft-corpus")!).FirstOrDefault(c => !Directory.Exists(cache.CorpusDirectory(c))) is { } missing)
            throw new InvalidParameterException("sft-corpus",
                $"the {missing.Name} corpus is not in the cache ({cache.CorpusDirectory(missing)}); run 'collapse data fetch' first, or give {InvalidParameterException.Name("sft-data")} FILE.jsonl");
        if (parameters.Text("pretrain-corpus") is { } corpus && !Directory.Exists(corpus))
            throw new InvalidParameterException("pretrain-corpus", $"invalid {InvalidParameterException.Name("pretrain-corpus")} '{corpus}' for task lm: no such directory");
        if (parameters.Text("pretrain-corpus") is null && !File.Exists(cache.BrownArchive))
            throw new InvalidParameterException("pretrain-corpus",
                $"the Brown Corpus is not in the cache ({cache.BrownArchive}); run 'collapse data fetch' first, or give {InvalidParameterException.Name("pretrain-corpus")} DIR");
    }

    /// <summary>The device this setting computes on (libtorch configured for its thread count).</summary>
    internal Device Device() => TorchRuntime.Configure(TorchThreads, DeviceName);

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

    /// <summary>
    /// Parameter × token products over the run, the transformer's work: every iteration fine-tunes on its training
    /// documents (forward and backward, ≈ 3 passes, per epoch or over the fixed --equal-steps budget), samples n
    /// documents (≈ 2 passes per kept document, for the attempts that fail) and scores the held-out documents, each
    /// document at most the context long. Accumulate's training set grows by n a generation (t·n at iteration t).
    /// </summary>
    public double EstimateCost(RunSpec run)
    {
        double n = run.Samples, t = run.Iterations;
        double trainDocuments = run.Workflow is Workflows.Accumulate ? n * (t + 1) / 2 : n;
        double trained = FineTuning.Steps is { } steps ? (double)steps * FineTuning.BatchSize : trainDocuments * FineTuning.Epochs;
        return t * (double)Config.ParameterCount * Config.Context * (3 * trained + 2 * n + EvalDocs);
    }

    /// <inheritdoc/>
    /// <remarks>Not measured: it depends on the device, the threads and the pretraining already cached.</remarks>
    public double? SecondsPerUnit => null;
}
