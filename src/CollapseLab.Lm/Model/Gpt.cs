// A decoder-only transformer language model in one file, after Karpathy's nanoGPT (model.py), itself after
// OpenAI's GPT-2: learned token and position embeddings, pre-LayerNorm blocks of causal self-attention and an
// MLP, a final LayerNorm and an output layer tied to the token embedding. Parts come bottom-up, each before the
// code that uses it. Submodule field names (wte, wpe, h, ln_f, c_attn, ...) are the state-dict keys, so they
// follow GPT-2's checkpoint names. Shapes: B batch, T sequence length, C width, nh heads, hs = C / nh.

using CollapseLab.Random;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CollapseLab.Lm.Model;

/// <summary>The shape of a <see cref="Gpt"/>.</summary>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Width">Embedding width C; a multiple of <paramref name="Heads"/>.</param>
/// <param name="Heads">Attention heads per block.</param>
/// <param name="Context">Longest sequence (in tokens) the model reads; documents longer than this are dropped.</param>
/// <param name="Vocabulary">Tokens the model knows: its tokenizer's <see cref="Tokenizer.VocabularySize"/> (257 for bytes).</param>
public sealed record GptConfig(int Layers, int Width, int Heads, int Context, int Vocabulary = 257)
{
    /// <summary>For tests: trains in seconds.</summary>
    public static GptConfig Tiny { get; } = new(Layers: 2, Width: 64, Heads: 2, Context: 128);

    /// <summary>About 0.86M parameters; the default.</summary>
    public static GptConfig Small { get; } = new(Layers: 4, Width: 128, Heads: 4, Context: 256);

    /// <summary>About 4.9M parameters.</summary>
    public static GptConfig Medium { get; } = new(Layers: 6, Width: 256, Heads: 8, Context: 512);

    /// <summary>hs, the width of one attention head: <see cref="Width"/> / <see cref="Heads"/>.</summary>
    public int HeadSize => Width / Heads;

    /// <summary>"4 layers × 128 wide, 4 heads, context 256" (and ", vocabulary 1024" when it is not bytes).</summary>
    public override string ToString() =>
        $"{Layers} layers × {Width} wide, {Heads} heads, context {Context}" + (Vocabulary == ByteTokenizer.Instance.VocabularySize ? "" : $", vocabulary {Vocabulary}");

    /// <summary>Why this shape cannot be built (the offending field and what it accepts), or null when it can.</summary>
    public (string Field, string Message)? Problem() =>
        Layers < 1 ? ("layers", $"layers {Layers} must be ≥ 1")
        : Heads < 1 ? ("heads", $"heads {Heads} must be ≥ 1")
        : Width < 1 || Width % Heads != 0 ? ("width", $"width {Width} must be a positive multiple of heads ({Heads})")
        : Context < 16 ? ("context", $"context {Context} must be ≥ 16")
        : null;

    /// <summary>Trainable parameters (the output layer shares the token embedding).</summary>
    public long ParameterCount
    {
        get
        {
            long c = Width;
            long perBlock = 12 * c * c + 13 * c; // two LayerNorms 4C, attention 4C² + 4C, MLP 8C² + 5C
            return (long)Vocabulary * c + (long)Context * c + Layers * perBlock + 2 * c;
        }
    }

    /// <summary>
    /// Arithmetic of one training token (forward and backward) at sequence length <paramref name="sequence"/>, as
    /// nanoGPT's estimate_mfu counts it: 6 per weight that multiplies (all but the position table) plus 12·L·C·T
    /// for attention scores and their weighted sums.
    /// </summary>
    public double TrainingFlopsPerToken(int sequence) =>
        6.0 * (ParameterCount - (long)Context * Width) + 12.0 * Layers * Width * sequence;
}

/// <summary>Keys and values of earlier positions, one buffer per layer, so sampling costs O(T) per token, not O(T²).</summary>
public sealed class KvCache : IDisposable
{
    /// <summary>Per layer: keys and values, each (B, nh, Context, hs), filled up to <see cref="Length"/>.</summary>
    internal (Tensor Keys, Tensor Values)[] Layers { get; private set; }

    /// <summary>Positions filled so far.</summary>
    public int Length { get; internal set; }

    /// <summary>An empty cache for <paramref name="batch"/> sequences of a model of shape <paramref name="config"/>, allocated on <paramref name="device"/>.</summary>
    public KvCache(GptConfig config, int batch, Device device)
    {
        Layers = new (Tensor, Tensor)[config.Layers];
        for (int i = 0; i < Layers.Length; i++)
            Layers[i] = (zeros([batch, config.Heads, config.Context, config.HeadSize], device: device),
                zeros([batch, config.Heads, config.Context, config.HeadSize], device: device));
    }

    /// <summary>Keeps only the sequences <paramref name="rows"/> (int64 indices into the batch), dropping finished ones.</summary>
    internal void Keep(Tensor rows)
    {
        for (int i = 0; i < Layers.Length; i++)
        {
            var (keys, values) = Layers[i];
            Layers[i] = (keys.index_select(0, rows).DetachFromDisposeScope(), values.index_select(0, rows).DetachFromDisposeScope());
            keys.Dispose();
            values.Dispose();
        }
    }

    /// <summary>Frees the buffers.</summary>
    public void Dispose()
    {
        foreach (var (keys, values) in Layers)
        {
            keys.Dispose();
            values.Dispose();
        }
    }
}

internal sealed class CausalSelfAttention : nn.Module
{
    private readonly Linear c_attn; // queries, keys and values of all heads in one product
    private readonly Linear c_proj;
    private readonly int _heads;

    public CausalSelfAttention(GptConfig config) : base(nameof(CausalSelfAttention))
    {
        c_attn = nn.Linear(config.Width, 3 * config.Width);
        c_proj = nn.Linear(config.Width, config.Width);
        _heads = config.Heads;
        RegisterComponents();
    }

    /// <summary>
    /// x (B, T, C) → (B, T, C). With a cache, x holds positions start..start+T−1: their keys and values are
    /// stored, and attention reads every stored position. Only a first call (start 0) may pass T &gt; 1.
    /// </summary>
    public Tensor Forward(Tensor x, (Tensor Keys, Tensor Values)? cache, int start)
    {
        long b = x.shape[0], t = x.shape[1], c = x.shape[2], hs = c / _heads;
        var qkv = c_attn.forward(x).split(c, 2);
        var q = qkv[0].view(b, t, _heads, hs).transpose(1, 2); // (B, nh, T, hs)
        var k = qkv[1].view(b, t, _heads, hs).transpose(1, 2);
        var v = qkv[2].view(b, t, _heads, hs).transpose(1, 2);
        if (cache is var (keys, values))
        {
            if (start > 0 && t > 1) throw new InvalidOperationException("a cached forward pass after the first takes one position at a time");
            keys.narrow(2, start, t).copy_(k);
            values.narrow(2, start, t).copy_(v);
            k = keys.narrow(2, 0, start + t);
            v = values.narrow(2, 0, start + t);
        }
        // is_causal masks the upper triangle aligned top-left: right for a whole sequence from position 0, and a
        // single new query must see every key, so the mask is off then.
        var y = F.scaled_dot_product_attention(q, k, v, null, 0.0, t > 1); // (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(b, t, c);
        return c_proj.forward(y);
    }
}

internal sealed class Mlp : nn.Module
{
    private readonly Linear c_fc;
    private readonly Linear c_proj;

    public Mlp(GptConfig config) : base(nameof(Mlp))
    {
        c_fc = nn.Linear(config.Width, 4 * config.Width);
        c_proj = nn.Linear(4 * config.Width, config.Width);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x) => c_proj.forward(F.gelu(c_fc.forward(x)));
}

internal sealed class Block : nn.Module
{
    /// <summary>
    /// The alpha of every residual sum, held for the process's life: TorchSharp's <c>a + b</c> is <c>a.add(b, 1)</c>, whose
    /// temporary Scalar can be finalized during the native call when another thread collects (see Training/AdamW).
    /// </summary>
    internal static readonly Scalar One = 1;

    private readonly LayerNorm ln_1;
    private readonly CausalSelfAttention attn;
    private readonly LayerNorm ln_2;
    private readonly Mlp mlp;

    public Block(GptConfig config) : base(nameof(Block))
    {
        ln_1 = nn.LayerNorm(config.Width);
        attn = new CausalSelfAttention(config);
        ln_2 = nn.LayerNorm(config.Width);
        mlp = new Mlp(config);
        RegisterComponents();
    }

    /// <summary>Pre-LayerNorm residual block: x + attn(ln(x)), then + mlp(ln(x)).</summary>
    public Tensor Forward(Tensor x, (Tensor, Tensor)? cache, int start)
    {
        x = x.add(attn.Forward(ln_1.forward(x), cache, start), One);
        return x.add(mlp.Forward(ln_2.forward(x)), One);
    }
}

/// <summary>The language model: token ids in, next-token logits out; samples with or without a <see cref="KvCache"/>.</summary>
public sealed class Gpt : nn.Module
{
    private readonly Embedding wte; // token embedding, also the output layer (weight tying)
    private readonly Embedding wpe; // learned positions
    private readonly ModuleList<Block> h;
    private readonly LayerNorm ln_f;

    /// <summary>The model's shape.</summary>
    public GptConfig Config { get; }

    /// <summary>A model of shape <paramref name="config"/>, initialised as GPT-2 is from <paramref name="init"/> (default: a fixed stream).</summary>
    public Gpt(GptConfig config, Rng? init = null) : base(nameof(Gpt))
    {
        if (config.Problem() is var (_, message)) throw new ArgumentException(message, nameof(config));
        Config = config;
        wte = nn.Embedding(config.Vocabulary, config.Width);
        wpe = nn.Embedding(config.Context, config.Width);
        h = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new Block(config)).ToArray());
        ln_f = nn.LayerNorm(config.Width);
        RegisterComponents();
        Initialise(init ?? new Rng(0));
    }

    /// <summary>
    /// N(0, 0.02) weights, zero biases, and residual projections scaled by 1/√(2L) (GPT-2). Values come from
    /// <paramref name="init"/>, not libtorch's generators, so a seed gives the same model everywhere.
    /// </summary>
    private void Initialise(Rng init)
    {
        using var _ = no_grad();
        double residualStd = 0.02 / Math.Sqrt(2.0 * Config.Layers);
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.StartsWith("ln_", StringComparison.Ordinal) || name.Contains(".ln_", StringComparison.Ordinal)) continue; // LayerNorm: 1 and 0
            if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                nn.init.zeros_(parameter);
                continue;
            }
            double std = name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? residualStd : 0.02;
            var values = new float[parameter.numel()];
            for (int i = 0; i < values.Length; i++) values[i] = (float)(std * init.NextGaussian());
            using var initial = tensor(values, parameter.shape);
            parameter.copy_(initial);
        }
    }

    /// <summary>
    /// idx (B, T) int64 → logits (B, T, vocabulary). With <paramref name="cache"/>, idx continues the cached
    /// positions and the cache grows by T.
    /// </summary>
    public Tensor Forward(Tensor idx, KvCache? cache = null)
    {
        int start = cache?.Length ?? 0;
        long t = idx.shape[1];
        if (start + t > Config.Context) throw new ArgumentException($"sequence of {start + t} tokens exceeds the context of {Config.Context}", nameof(idx));
        // Named Scalars, the step included: arange's default step is a temporary one (see Training/AdamW).
        using Scalar first = start, end = start + t;
        using var positions = arange(first, end, Block.One, dtype: ScalarType.Int64, device: idx.device);
        var x = wte.forward(idx).add(wpe.forward(positions), Block.One); // (B, T, C)
        for (int i = 0; i < h.Count; i++) x = h[i].Forward(x, cache?.Layers[i], start);
        x = ln_f.forward(x);
        if (cache is not null) cache.Length = start + (int)t;
        return F.linear(x, wte.weight!); // (B, T, vocabulary)
    }

    /// <summary>Mean cross-entropy of predicting <paramref name="targets"/> (B, T) from <paramref name="idx"/> (B, T); targets −1 are padding.</summary>
    public Tensor Loss(Tensor idx, Tensor targets, bool sum = false)
    {
        var logits = Forward(idx);
        return F.cross_entropy(logits.view(-1, Config.Vocabulary), targets.view(-1), ignore_index: -1,
            reduction: sum ? nn.Reduction.Sum : nn.Reduction.Mean);
    }

    /// <summary>
    /// Writes <paramref name="count"/> sequences, each from an end-of-text token until it writes end-of-text or
    /// fills the context. At every step <paramref name="pick"/>(sequence, next-token probabilities at
    /// <paramref name="temperature"/>) chooses the token. Returns the tokens written, end-of-text included when
    /// reached. Without the cache every step reruns the whole prefix (the slow reference).
    /// </summary>
    public long[][] Generate(int count, double temperature, Func<int, ReadOnlySpan<float>, int> pick, bool useCache = true)
    {
        using var _ = no_grad();
        var device = wte.weight!.device;
        var written = Enumerable.Range(0, count).Select(_ => new List<long>()).ToArray();
        var finished = new bool[count];
        var batch = Enumerable.Range(0, count).ToArray(); // the sequences in the batch, in row order
        using var cache = useCache ? new KvCache(Config, count, device) : null;
        int vocabulary = Config.Vocabulary;
        for (int step = 0; step < Config.Context; step++)
        {
            using var scope = NewDisposeScope();
            Tensor idx = cache is not null
                ? tensor(batch.Select(s => step == 0 || finished[s] ? Tokenizer.EndOfText : written[s][^1]).ToArray(), [batch.Length, 1], device: device)
                : tensor(batch.SelectMany(s => written[s].Prepend(Tokenizer.EndOfText)).ToArray(), [batch.Length, step + 1], device: device);
            var logits = Forward(idx, cache).select(1, -1); // (rows, vocabulary)
            // A named Scalar: a temporary one could be finalized during the native call (see Training/AdamW).
            using Scalar divisor = temperature;
            var probabilities = logits.div(divisor).softmax(-1).cpu().data<float>().ToArray();
            for (int row = 0; row < batch.Length; row++)
            {
                int sequence = batch[row];
                if (finished[sequence]) continue; // kept in the batch until it pays to compact
                int token = pick(sequence, probabilities.AsSpan(row * vocabulary, vocabulary));
                written[sequence].Add(token);
                finished[sequence] = token == Tokenizer.EndOfText;
            }
            var rows = Enumerable.Range(0, batch.Length).Where(r => !finished[batch[r]]).ToArray();
            if (rows.Length == 0) break;
            // Compacting copies the whole cache, so it waits until a quarter of the rows are done.
            if (cache is null || rows.Length <= batch.Length * 3 / 4)
            {
                cache?.Keep(tensor(rows.Select(r => (long)r).ToArray(), device: device));
                batch = rows.Select(r => batch[r]).ToArray();
            }
        }
        return written.Select(w => w.ToArray()).ToArray();
    }
}
