using System.Diagnostics;
using CollapseLab.Lm.Model;
using CollapseLab.Lm.Sampling;
using CollapseLab.Lm.Training;
using CollapseLab.Random;
using TorchSharp;
using static TorchSharp.torch;

namespace CollapseLab.Lm.Benchmarks;

/// <summary>
/// Throughput of the language model on this machine, against the machine itself: a float32 matrix-multiply
/// peak measured in the same run, training tokens/s with the model FLOPs utilisation they imply, and sampling
/// tokens/s with and without the KV cache.
/// </summary>
public static class LmBenchmark
{
    /// <summary>Best float32 GFLOP/s of torch.mm on <paramref name="size"/>² matrices over <paramref name="repeats"/> timed products.</summary>
    public static double MatmulPeakGflops(int size = 2048, int repeats = 10)
    {
        using var a = randn(size, size);
        using var b = randn(size, size);
        using (mm(a, b)) { } // warm-up: thread pool, packing buffers
        double best = double.PositiveInfinity;
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            using (mm(a, b)) { }
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * size * size * size / best / 1e9;
    }

    /// <summary>
    /// Training tokens/s of <paramref name="config"/> on random windows of <paramref name="sequence"/> tokens,
    /// <paramref name="batch"/> per step (AdamW, clipping, as in fine-tuning), timed over <paramref name="steps"/>
    /// steps after warm-up; and the model arithmetic per second they imply (GFLOP/s).
    /// </summary>
    public static (double TokensPerSecond, double Gflops) Training(GptConfig config, int batch, int sequence, int steps, Device device)
    {
        var rng = new Rng(1);
        using var model = new Gpt(config, rng.Split());
        model.to(device);
        model.train();
        using var optimizer = Optimizers.AdamW(model, 1e-3, 0.01);
        var input = new long[batch * sequence];
        var target = new long[batch * sequence];
        void Step()
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = rng.NextInt(256);
                target[i] = rng.NextInt(256);
            }
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var loss = model.Loss(tensor(input, [batch, sequence], device: device), tensor(target, [batch, sequence], device: device));
            loss.backward();
            nn.utils.clip_grad_norm_(model.parameters(), 1.0);
            optimizer.Step();
            loss.item<float>(); // wait for the step
        }
        for (int i = 0; i < 3; i++) Step();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Step();
        double tokensPerSecond = (double)steps * batch * sequence / clock.Elapsed.TotalSeconds;
        return (tokensPerSecond, tokensPerSecond * config.TrainingFlopsPerToken(sequence) / 1e9);
    }

    /// <summary>
    /// Sampling tokens/s: <paramref name="rows"/> sequences of a fresh model written side by side (temperature 1),
    /// with or without the KV cache; tokens counted as written, end-of-text included.
    /// </summary>
    public static double Sampling(GptConfig config, int rows, bool useCache, Device device)
    {
        using var model = new Gpt(config, new Rng(2));
        model.to(device);
        model.eval();
        var streams = Enumerable.Range(0, rows).Select(i => Rng.For(3, RngStream.Sample, i)).ToArray();
        model.Generate(rows, 1.0, (row, p) => DocumentSampler.Draw(p, streams[row]), useCache); // warm-up
        var clock = Stopwatch.StartNew();
        var written = model.Generate(rows, 1.0, (row, p) => DocumentSampler.Draw(p, streams[row]), useCache);
        return written.Sum(w => w.Length) / clock.Elapsed.TotalSeconds;
    }
}
