using CollapseLab.Lm.Model;

namespace CollapseLab.Lm.Training;

/// <summary>The optimiser every training loop uses.</summary>
internal static class Optimizers
{
    /// <summary>
    /// AdamW with weight decay on the matrices (linear weights, embeddings) only; biases and LayerNorm gains are
    /// not decayed (nanoGPT's configure_optimizers).
    /// </summary>
    public static AdamW AdamW(Gpt model, double learningRate, double weightDecay, double beta2 = 0.999)
    {
        var parameters = model.parameters().ToArray();
        AdamW.Group[] groups =
        [
            new(parameters.Where(p => p.dim() >= 2).ToArray(), weightDecay),
            new(parameters.Where(p => p.dim() < 2).ToArray(), 0.0),
        ];
        return new AdamW(groups, learningRate, 0.9, beta2, 1e-8);
    }
}
