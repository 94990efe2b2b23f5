using CollapseLab.Lm.Model;
using System.Runtime.InteropServices;
using CollapseLab.Random;
using TorchSharp;
using static TorchSharp.torch;

namespace CollapseLab.Lm.Training;

/// <summary>Supervised fine-tuning: every token of every document, batches of whole documents, one optimiser.</summary>
public static class FineTuner
{
    /// <summary>
    /// Trains <paramref name="model"/> in place on <paramref name="sequences"/> (token sequences ending in
    /// end-of-text, each within the context): AdamW (weight decay on matrices), linear warm-up then a constant learning rate, gradient
    /// clipping, batches drawn each pass by <see cref="Batches"/> from <paramref name="rng"/>: <see cref="FineTuneOptions.Epochs"/>
    /// passes, or with a step budget (<see cref="FineTuneOptions.Steps"/>) as many passes as the budget needs, the last
    /// cut short. Returns the mean training loss per step (so its length is the number of optimiser steps taken).
    /// </summary>
    public static double[] Train(Gpt model, IReadOnlyList<long[]> sequences, FineTuneOptions options, Rng rng)
    {
        if (sequences.Any(s => s.Length > model.Config.Context))
            throw new ArgumentException($"a document is longer than the context of {model.Config.Context} tokens", nameof(sequences));
        var device = model.parameters().First().device;
        model.train();
        using var optimizer = Optimizers.AdamW(model, options.LearningRate, options.WeightDecay);
        var losses = new List<double>();
        int step = 0;
        for (int pass = 0; options.Steps is { } budget ? step < budget : pass < options.Epochs; pass++)
        {
            foreach (var batch in Batches(sequences, options.BatchSize, rng))
            {
                if (step == options.Steps) break;
                double rate = options.LearningRate * Math.Min(1.0, (step + 1.0) / (options.WarmupSteps + 1.0));
                losses.Add(Step(model, optimizer, batch, rate, options.ClipNorm, device));
                step++;
            }
        }
        model.eval();
        return losses.ToArray();
    }

    /// <summary>Documents per bucket: batches are cut from length-sorted buckets of this many batches.</summary>
    private const int BucketBatches = 8;

    /// <summary>
    /// One epoch's batches: the documents shuffled, cut into buckets of <see cref="BucketBatches"/> batches, each
    /// bucket sorted by length and cut into batches, and the batches shuffled. Similar lengths share a batch, so
    /// little arithmetic goes to padding, while every batch is still a random draw of the epoch.
    /// </summary>
    internal static List<long[][]> Batches(IReadOnlyList<long[]> sequences, int batchSize, Rng rng)
    {
        var order = Enumerable.Range(0, sequences.Count).ToArray();
        rng.Shuffle(order.AsSpan());
        var batches = new List<long[][]>();
        for (int bucket = 0; bucket < order.Length; bucket += batchSize * BucketBatches)
        {
            var sorted = order.Skip(bucket).Take(batchSize * BucketBatches).Select(i => sequences[i]).OrderBy(s => s.Length).ToArray();
            for (int start = 0; start < sorted.Length; start += batchSize)
                batches.Add(sorted[start..Math.Min(start + batchSize, sorted.Length)]);
        }
        rng.Shuffle(CollectionsMarshal.AsSpan(batches));
        return batches;
    }

    /// <summary>One optimiser step on one batch at learning rate <paramref name="rate"/>; returns the batch's mean token loss.</summary>
    internal static double Step(Gpt model, AdamW optimizer, IReadOnlyList<long[]> batch, double rate, double clipNorm, Device device)
    {
        using var scope = NewDisposeScope();
        optimizer.LearningRate = rate;
        var (input, target) = DocumentBatch.Build(batch, device);
        optimizer.ZeroGrad();
        var loss = model.Loss(input, target);
        loss.backward();
        nn.utils.clip_grad_norm_(model.parameters(), clipNorm);
        optimizer.Step();
        return loss.item<float>();
    }
}
