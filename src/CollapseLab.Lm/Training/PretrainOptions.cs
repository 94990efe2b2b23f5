using CollapseLab.Lm.Model;

namespace CollapseLab.Lm.Training;

/// <summary>
/// How the base model is pretrained: random context-long windows of the corpus, AdamW (β₂ 0.99, weight decay 0.1 on
/// matrices), gradient clipping 1.0, linear warm-up over 5% of the steps, then cosine decay to a tenth.
/// </summary>
/// <param name="Steps">Optimiser steps.</param>
/// <param name="BatchSize">Windows per step; each window is the model's context long.</param>
/// <param name="LearningRate">Peak learning rate.</param>
/// <param name="Seed">Seeds the initial weights and the windows drawn.</param>
public sealed record PretrainOptions(int Steps, int BatchSize = 32, double LearningRate = 2e-3, ulong Seed = 0)
{
    /// <summary>Steps of linear warm-up: 5% of the run.</summary>
    public int WarmupSteps => Math.Max(1, Steps / 20);

    /// <summary>AdamW weight decay, applied to weight matrices only.</summary>
    public const double WeightDecay = 0.1;

    /// <summary>The default number of steps for a preset's shape.</summary>
    public static int DefaultSteps(GptConfig config) =>
        config == GptConfig.Medium ? 3000 : 1000;

    /// <summary>The default peak learning rate for a shape: narrower models take larger steps.</summary>
    public static double DefaultLearningRate(GptConfig config) => config.Width <= 64 ? 5e-3 : config.Width <= 128 ? 2e-3 : 1e-3;

    /// <summary>Learning rate at step <paramref name="step"/> (0-based).</summary>
    public double RateAt(int step)
    {
        if (step < WarmupSteps) return LearningRate * (step + 1) / WarmupSteps;
        double progress = (double)(step - WarmupSteps) / Math.Max(1, Steps - WarmupSteps);
        return LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
