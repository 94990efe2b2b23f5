using System.Diagnostics;
using CollapseLab.Lm.Model;
using CollapseLab.Random;
using TorchSharp;
using static TorchSharp.torch;

namespace CollapseLab.Lm.Training;

/// <summary>Trains a base model from scratch on a token stream.</summary>
public static class Pretrainer
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A new model of shape <paramref name="config"/> trained on random context-long windows of
    /// <paramref name="stream"/> (documents' tokens, each followed by end-of-text). Initial weights and windows
    /// come from <paramref name="options"/>' seed. <paramref name="progress"/> hears about every 10 seconds and at the end.
    /// </summary>
    public static Gpt Train(GptConfig config, long[] stream, PretrainOptions options, Device device, IProgress<PretrainProgress>? progress = null)
    {
        int window = config.Context;
        if (stream.Length < window + 1)
            throw new ArgumentException($"the pretraining corpus has {stream.Length} tokens, fewer than one window of {window + 1}", nameof(stream));
        var rng = Rng.For(options.Seed, RngStream.Setup);
        var model = new Gpt(config, rng.Split());
        model.to(device);
        model.train();
        using var optimizer = Optimizers.AdamW(model, options.LearningRate, PretrainOptions.WeightDecay, beta2: 0.99);

        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        double lossSum = 0;
        int lossCount = 0;
        var input = new long[options.BatchSize * window];
        var target = new long[options.BatchSize * window];
        for (int step = 0; step < options.Steps; step++)
        {
            for (int b = 0; b < options.BatchSize; b++)
            {
                int start = rng.NextInt(stream.Length - window);
                Array.Copy(stream, start, input, b * window, window);
                Array.Copy(stream, start + 1, target, b * window, window);
            }
            using (var scope = NewDisposeScope())
            {
                optimizer.LearningRate = options.RateAt(step);
                optimizer.ZeroGrad();
                var loss = model.Loss(tensor(input, [options.BatchSize, window], device: device), tensor(target, [options.BatchSize, window], device: device));
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.Step();
                lossSum += loss.item<float>();
                lossCount++;
            }
            bool last = step == options.Steps - 1;
            if (progress is not null && (last || clock.Elapsed - lastReport >= ReportInterval))
            {
                lastReport = clock.Elapsed;
                double tokensPerSecond = (step + 1.0) * options.BatchSize * window / clock.Elapsed.TotalSeconds;
                progress.Report(new PretrainProgress(step + 1, options.Steps, lossSum / lossCount, tokensPerSecond, clock.Elapsed));
                lossSum = 0;
                lossCount = 0;
            }
        }
        model.eval();
        return model;
    }
}
