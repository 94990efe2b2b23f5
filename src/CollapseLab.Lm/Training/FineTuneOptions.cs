namespace CollapseLab.Lm.Training;

/// <summary>How a fresh copy of the base model is fine-tuned on one iteration's documents.</summary>
/// <param name="Epochs">Passes over the documents (the reference study made one); ignored when <paramref name="Steps"/> is set.</param>
/// <param name="LearningRate">AdamW's learning rate after warm-up.</param>
/// <param name="BatchSize">Documents per optimiser step.</param>
/// <param name="WarmupSteps">Steps over which the learning rate rises linearly from 0; constant after.</param>
/// <param name="WeightDecay">AdamW's decoupled weight decay.</param>
/// <param name="ClipNorm">Gradients are rescaled to at most this global norm.</param>
/// <param name="Steps">
/// Exactly this many optimiser steps whatever the number of documents (<c>--equal-steps</c>): passes over the
/// documents, each reshuffled, until the budget is spent, the last pass cut short. Null: <paramref name="Epochs"/> passes.
/// </param>
public sealed record FineTuneOptions(
    int Epochs = FineTuneOptions.DefaultEpochs, double LearningRate = FineTuneOptions.DefaultLearningRate, int BatchSize = FineTuneOptions.DefaultBatchSize,
    int WarmupSteps = 10, double WeightDecay = 0.01, double ClipNorm = 1.0, int? Steps = null)
{
    // Chosen from measurements (docs/lm.md, "Choosing the fine-tuning defaults"): at n = 200 the format is learnt by
    // optimiser steps, the content overfitted by passes, so many small steps at a lower rate keep most samples well-formed
    // at nearly the held-out loss of a short fine-tune.
    /// <summary>Passes over the training documents per iteration, by default.</summary>
    public const int DefaultEpochs = 10;
    /// <summary>The default fine-tuning learning rate (AdamW, after warm-up).</summary>
    public const double DefaultLearningRate = 1e-3;
    /// <summary>Documents per fine-tuning step, by default.</summary>
    public const int DefaultBatchSize = 4;

    /// <summary>These options with the default rule (epochs) in place of a step budget.</summary>
    public FineTuneOptions ByEpochs() => this with { Steps = null };
}
