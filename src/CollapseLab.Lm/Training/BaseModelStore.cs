using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CollapseLab.Lm.Corpora;
using CollapseLab.Lm.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace CollapseLab.Lm.Training;

/// <summary>
/// Pretrained base models, cached on disk under a key of everything that determines them: the shape, the
/// pretraining options (seed included), the corpus content, the tokenizer (when it is not bytes) and libtorch's thread count (its reductions, hence
/// the weights' bits, depend on it). Pretraining happens once per key; later runs,
/// processes and sweeps load the checkpoint.
/// </summary>
public sealed class BaseModelStore(string directory)
{
    private static readonly ConcurrentDictionary<string, object> Locks = new();

    /// <summary>The directory holding the checkpoints.</summary>
    public string Directory { get; } = directory;

    /// <summary>The cache key: the first 16 hex digits of SHA-256 of the canonical description.</summary>
    /// <param name="config">The model's shape.</param>
    /// <param name="options">How it is pretrained (seed included).</param>
    /// <param name="corpus">The pretraining corpus; its content's hash enters the key, not its path.</param>
    /// <param name="threads">libtorch's thread count for the pretraining.</param>
    /// <param name="tokenizer">The tokenizer the corpus is read in; bytes add nothing to the key (so their checkpoints keep their keys).</param>
    public static string Key(GptConfig config, PretrainOptions options, PretrainCorpus corpus, int threads, Tokenizer tokenizer) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Describe(config, options, corpus.Sha256, threads, tokenizer))))[..16];

    private static string Describe(GptConfig config, PretrainOptions options, string corpusSha256, int threads, Tokenizer tokenizer) =>
        string.Create(CultureInfo.InvariantCulture,
            $"gpt-v1 layers={config.Layers} width={config.Width} heads={config.Heads} context={config.Context} "
            + $"steps={options.Steps} batch={options.BatchSize} lr={options.LearningRate:R} seed={options.Seed} corpus={corpusSha256} threads={threads}")
        + (tokenizer.CacheKey is { } key ? $" tokenizer={key}" : "");

    /// <summary>The checkpoint file of a key.</summary>
    public string CheckpointPath(GptConfig config, PretrainOptions options, PretrainCorpus corpus, int threads, Tokenizer tokenizer) =>
        Path.Combine(Directory, $"gpt-{config.Layers}x{config.Width}h{config.Heads}c{config.Context}-{Key(config, options, corpus, threads, tokenizer)}.bin");

    /// <summary>True when the base model of this key is already cached.</summary>
    public bool Contains(GptConfig config, PretrainOptions options, PretrainCorpus corpus, int threads, Tokenizer tokenizer) =>
        File.Exists(CheckpointPath(config, options, corpus, threads, tokenizer));

    /// <summary>
    /// The base model of this key on <paramref name="device"/>: loaded from the cache, or pretrained on the corpus in
    /// <paramref name="tokenizer"/>'s tokens on <paramref name="threads"/> libtorch threads (reporting to
    /// <paramref name="progress"/>) and then cached with a JSON description beside it.
    /// </summary>
    public Gpt LoadOrTrain(GptConfig config, PretrainOptions options, PretrainCorpus corpus, Tokenizer tokenizer, Device device, int threads, IProgress<PretrainProgress>? progress = null)
    {
        string path = CheckpointPath(config, options, corpus, threads, tokenizer);
        lock (Locks.GetOrAdd(path, _ => new object()))
        {
            if (File.Exists(path))
            {
                var loaded = new Gpt(config);
                loaded.load(path);
                loaded.to(device);
                loaded.eval();
                return loaded;
            }
            System.IO.Directory.CreateDirectory(Directory);
            if (get_num_threads() != threads) set_num_threads(threads);
            PretrainProgress? last = null;
            var clock = Stopwatch.StartNew();
            var model = Pretrainer.Train(config, corpus.Tokens(tokenizer), options, device, new Progress(p =>
            {
                last = p;
                progress?.Report(p);
            }));
            // Write beside, then rename: a concurrent process never reads half a checkpoint.
            string temporary = $"{path}.{Environment.ProcessId}.tmp";
            model.save(temporary);
            File.Move(temporary, path, overwrite: true);
            File.WriteAllText(Path.ChangeExtension(path, ".json"), JsonSerializer.Serialize(new
            {
                config = new { config.Layers, config.Width, config.Heads, config.Context, config.Vocabulary, parameters = config.ParameterCount },
                tokenizer = tokenizer.CacheKey ?? ByteTokenizer.Name,
                pretraining = new { options.Steps, options.BatchSize, options.LearningRate, options.Seed, tokens = (long)options.Steps * options.BatchSize * config.Context },
                corpus = new { corpus.Name, corpus.Sha256, documents = corpus.Texts.Count },
                finalLoss = last?.Loss,
                seconds = clock.Elapsed.TotalSeconds,
                threads,
                key = Describe(config, options, corpus.Sha256, threads, tokenizer),
            }, new JsonSerializerOptions { WriteIndented = true }));
            return model;
        }
    }

    /// <summary>Calls back synchronously (System.Progress would post to the thread pool and reorder reports).</summary>
    private sealed class Progress(Action<PretrainProgress> report) : IProgress<PretrainProgress>
    {
        public void Report(PretrainProgress value) => report(value);
    }
}
