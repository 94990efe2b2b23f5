using CollapseLab.Lm.Corpora;
using CollapseLab.Lm.Model;
using CollapseLab.Parameters;
using CollapseLab.Lm.Training;

namespace CollapseLab.Lm;

/// <summary>
/// The parameters of <see cref="LmSetting"/>; every field has its default (null: the preset's value, or none).
/// </summary>
public sealed record LmParameters
{
    // Model shape; null takes the preset's.
    /// <summary>Model shape: tiny (tests), small or medium.</summary>
    public string Preset { get; init; } = "small";
    /// <summary>Transformer blocks.</summary>
    public int? Layers { get; init; }
    /// <summary>Embedding width, a multiple of <see cref="Heads"/>.</summary>
    public int? Width { get; init; }
    /// <summary>Attention heads.</summary>
    public int? Heads { get; init; }
    /// <summary>Longest document in tokens (of <see cref="Tokenizer"/>, end-of-text included).</summary>
    public int? Context { get; init; }
    /// <summary>How text becomes tokens: <c>bpe</c> (a byte-pair encoding learnt on the pretraining corpus) or <c>bytes</c> (256 bytes + end-of-text).</summary>
    public string Tokenizer { get; init; } = BpeTokenizer.Name;
    /// <summary>The BPE's vocabulary (bytes, end-of-text and merges); only with <c>--tokenizer bpe</c>.</summary>
    public int VocabSize { get; init; } = DefaultVocabSize;

    /// <summary>The default <see cref="VocabSize"/>.</summary>
    public const int DefaultVocabSize = 1024;

    // Pretraining of the base, shared by every run.
    /// <summary>Directory of text files to pretrain on (null: the Brown Corpus in the cache).</summary>
    public string? PretrainCorpus { get; init; }
    /// <summary>Pretraining steps (null: the preset's).</summary>
    public int? PretrainSteps { get; init; }
    /// <summary>Seed of the base model's pretraining.</summary>
    public int BaseSeed { get; init; }
    /// <summary>What each iteration trains: <see cref="LmInit.Base"/> (fine-tune a copy of the pretrained base) or <see cref="LmInit.Scratch"/> (a freshly initialised model).</summary>
    public string Init { get; init; } = LmInit.Base;

    // Real documents.
    /// <summary>The fetched real documents (<see cref="Corpora.SftCorpus.Names"/>); ignored when <see cref="SftData"/> is given.</summary>
    public string SftCorpus { get; init; } = Corpora.SftCorpus.Default;
    /// <summary>JSONL file of {"prompt", "response"} objects, the real documents, or null for <see cref="SftCorpus"/>.</summary>
    public string? SftData { get; init; }
    /// <summary>Real documents held out (a fixed split) to measure eval_loss on.</summary>
    public int EvalDocs { get; init; } = 500;

    // Fine-tuning, every iteration.
    /// <summary>Passes over the training documents.</summary>
    public int Epochs { get; init; } = FineTuneOptions.DefaultEpochs;
    /// <summary>Exactly this many optimizer steps whatever the number of documents (overrides <see cref="Epochs"/>), or null.</summary>
    public int? EqualSteps { get; init; }
    /// <summary>Learning rate (AdamW, after warm-up).</summary>
    public double Lr { get; init; } = FineTuneOptions.DefaultLearningRate;
    /// <summary>Documents per step.</summary>
    public int BatchSize { get; init; } = FineTuneOptions.DefaultBatchSize;
    /// <summary>Steps of linear learning-rate warm-up.</summary>
    public int WarmupSteps { get; init; } = 10;

    // Sampling and compute.
    /// <summary>Sampling temperature.</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>Sequences written per kept document before the run fails.</summary>
    public int SampleAttempts { get; init; } = 20;
    /// <summary>libtorch threads per run (results are bit-identical only for the same count).</summary>
    public int TorchThreads { get; init; } = 1;
    /// <summary>cpu or cuda.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Directory to write each run's generations to, as JSONL, or null.</summary>
    public string? GenerationsDir { get; init; }

    private static readonly ParameterKind<int> Positive = ParameterKind.Int(min: 1);

    /// <summary>The parameters as users write them (names, meanings, accepted values).</summary>
    public static ParameterDeclaration<LmParameters> Declaration { get; } = new ParameterDeclaration<LmParameters>("task lm")
        .Add("preset", "model shape: tiny (tests, ~0.17M parameters at the default vocabulary), small (~0.96M), medium (~5.1M)", ParameterKind.Choice(["tiny", "small", "medium"]),
            p => p.Preset, (p, v) => p with { Preset = v })
        .Add("layers", "transformer blocks (default: the preset's)", Positive.Optional(), p => p.Layers, (p, v) => p with { Layers = v })
        .Add("width", "embedding width, a multiple of --heads (default: the preset's)", Positive.Optional(), p => p.Width, (p, v) => p with { Width = v })
        .Add("heads", "attention heads (default: the preset's)", Positive.Optional(), p => p.Heads, (p, v) => p with { Heads = v })
        .Add("context", "longest document in tokens (of --tokenizer, end-of-text included), ≥ 16; longer real documents are dropped (default: the preset's)", Positive.Optional(),
            p => p.Context, (p, v) => p with { Context = v })
        // Recorded with every run: runs made when bytes was the default and omitted have no such column, so their ids
        // never coincide with a run of today's default (reading a store fills in bytes, LmSetting.Info.StoredDefaults).
        .Add("tokenizer", "how text becomes tokens: bpe (a byte-level byte-pair encoding of --vocab-size tokens learnt once on the pretraining corpus and cached; docs/lm.md says why it is the default) or bytes (the 256 byte values + end-of-text)",
            ParameterKind.Choice(Model.Tokenizer.Names), p => p.Tokenizer, (p, v) => p with { Tokenizer = v })
        // Left out at its default, so the runs made with --tokenizer bpe before it was the default keep their ids.
        .Add("vocab-size", "tokens of the bpe tokenizer: 256 bytes, end-of-text and the merges learnt (only with --tokenizer bpe)", ParameterKind.Int(min: BpeLearner.FirstMergeToken + 1),
            p => p.VocabSize, (p, v) => p with { VocabSize = v }, appliesWhen: new("tokenizer", [BpeTokenizer.Name]), omitWhenDefault: true)
        .Add("pretrain-corpus", "directory of text files to pretrain the base on (default: the Brown Corpus from 'collapse data fetch')", ParameterKind.Text("a directory"),
            p => p.PretrainCorpus, (p, v) => p with { PretrainCorpus = v }, input: ParameterInput.Directory)
        .Add("pretrain-steps", "pretraining steps of the base (default: the preset's)", Positive.Optional(), p => p.PretrainSteps, (p, v) => p with { PretrainSteps = v })
        .Add("base-seed", "seed of the base model's pretraining (shared by every run)", ParameterKind.Int(min: 0), p => p.BaseSeed, (p, v) => p with { BaseSeed = v })
        .Add("init", "what each iteration trains: base (a fresh copy of the pretrained base, fine-tuned) or scratch (a freshly initialised model from the run's own initialisation stream, trained on the workflow's documents alone; no base is pretrained)",
            ParameterKind.Choice([LmInit.Base, LmInit.Scratch]), p => p.Init, (p, v) => p with { Init = v }, omitWhenDefault: true)
        // Recorded with every run (not left out at its default): runs made when fortunes was the default and omitted have
        // no such column, so their ids can never coincide with a run of today's default.
        .Add("sft-corpus", "the fetched real documents ('collapse data fetch'): questions (wordnet + devil + riddles), fortunes (prompt = topic name), wordnet (\"What does the noun X mean?\" → gloss), devil (The Devil's Dictionary), riddles (Q:/A: fortunes); ignored with --sft-data",
            ParameterKind.Choice(Corpora.SftCorpus.Names), p => p.SftCorpus, (p, v) => p with { SftCorpus = v })
        .Add("sft-data", "JSONL file of {\"prompt\", \"response\"} objects, the real documents (default: the --sft-corpus)", ParameterKind.Text("a file"),
            p => p.SftData, (p, v) => p with { SftData = v }, input: ParameterInput.File)
        .Add("eval-docs", "real documents held out (a fixed split) to measure eval_loss on", Positive, p => p.EvalDocs, (p, v) => p with { EvalDocs = v })
        .Add("epochs", "fine-tuning passes over the training documents (10: at n = 200 fewer leave most sampled documents malformed, docs/lm.md)", Positive, p => p.Epochs, (p, v) => p with { Epochs = v })
        .Add("equal-steps", "fine-tune for exactly this many optimizer steps whatever the number of documents (reshuffled passes, the last cut short; overrides --epochs), so more data is not more training; a mixture study's generator keeps --epochs",
            Positive.Optional(), p => p.EqualSteps, (p, v) => p with { EqualSteps = v })
        .Add("lr", "fine-tuning learning rate (AdamW, after warm-up)", ParameterKind.Real(above: 0), p => p.Lr, (p, v) => p with { Lr = v })
        .Add("batch-size", "documents per fine-tuning step", Positive, p => p.BatchSize, (p, v) => p with { BatchSize = v })
        .Add("warmup-steps", "fine-tuning steps of linear learning-rate warm-up, constant after", ParameterKind.Int(min: 0),
            p => p.WarmupSteps, (p, v) => p with { WarmupSteps = v })
        .Add("temperature", "sampling temperature", ParameterKind.Real(above: 0), p => p.Temperature, (p, v) => p with { Temperature = v })
        .Add("sample-attempts", "sequences written per kept document before the run fails for want of well-formed ones", Positive,
            p => p.SampleAttempts, (p, v) => p with { SampleAttempts = v })
        .Add("torch-threads", "libtorch threads per run (results are bit-identical only for the same count)", Positive,
            p => p.TorchThreads, (p, v) => p with { TorchThreads = v })
        .Add("device", "where libtorch computes (cuda needs a CUDA libtorch package instead of libtorch-cpu)", ParameterKind.Choice(["cpu", "cuda"]),
            p => p.Device, (p, v) => p with { Device = v })
        .Add("generations-dir", "directory to write each run's synthetic generations to, as JSONL (default: none; collapse run puts them next to --out)",
            ParameterKind.Text("a directory"), p => p.GenerationsDir, (p, v) => p with { GenerationsDir = v });
}
