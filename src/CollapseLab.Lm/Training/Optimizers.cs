using CollapseLab.Lm.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CollapseLab.Lm.Training;

/// <summary>The optimiser every training loop uses.</summary>
internal static class Optimizers
{
    /// <summary>
    /// AdamW with weight decay on the matrices (linear weights, embeddings) only; biases and LayerNorm gains are
    /// not decayed (nanoGPT's configure_optimizers).
    /// </summary>
    public static optim.Optimizer AdamW(Gpt model, double learningRate, double weightDecay, double beta2 = 0.999)
    {
        var parameters = model.parameters().ToArray();
        AdamW.ParamGroup[] groups =
        [
            new(parameters.Where(p => p.dim() >= 2), learningRate, 0.9, beta2, 1e-8, weightDecay, false, false),
            new(parameters.Where(p => p.dim() < 2), learningRate, 0.9, beta2, 1e-8, 0.0, false, false),
        ];
        return optim.AdamW(groups, learningRate, 0.9, beta2, 1e-8, weightDecay);
    }
}
