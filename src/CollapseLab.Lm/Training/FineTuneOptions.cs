namespace CollapseLab.Lm.Training;

/// <summary>How a fresh copy of the base model is fine-tuned on one iteration's documents.</summary>
/// <param name="Epochs">Passes over the documents (1, as in the reference study); ignored when <paramref name="Steps"/> is set.</param>
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
    int Epochs = 1, double LearningRate = 2e-3, int BatchSize = 16, int WarmupSteps = 10, double WeightDecay = 0.01, double ClipNorm = 1.0,
    int? Steps = null)
{
    /// <summary>These options with the default rule (epochs) in place of a step budget.</summary>
    public FineTuneOptions ByEpochs() => this with { Steps = null };
}
