using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CollapseLab.Lm.Training;

/// <summary>
/// AdamW (decoupled weight decay) with the same libtorch operations, in the same order, as TorchSharp's
/// <c>optim.AdamW</c>, so the weights come out bit for bit the same, but with every scalar operand held for the
/// whole step.
/// </summary>
/// <remarks>
/// Why not TorchSharp's own: its step converts doubles to <see cref="Scalar"/>s on the fly (<c>param.mul_(1 − lr·wd)</c>,
/// <c>sqrt() / √bc2</c>) and passes their native handles on; a temporary Scalar is then unreachable during the native
/// call, and when another thread triggers a garbage collection its finalizer can free it mid-call. Seen as
/// <c>ExternalException: Expected false to be true</c> from <c>c10::Scalar::toDouble</c> in about one LM run in 30
/// while other runs allocated in parallel. Even an explicit Scalar is not enough where TorchSharp adds a default one:
/// <c>add_(Scalar)</c> calls <c>add_(scalar, 1)</c>, whose alpha is such a temporary (seen as the same exception from
/// <c>c10::Scalar::toFloat</c> under <c>add_</c>), so every call here passes all its Scalars.
/// </remarks>
internal sealed class AdamW : IDisposable
{
    /// <summary>Parameters that share a weight decay.</summary>
    public sealed record Group(IReadOnlyList<Parameter> Parameters, double WeightDecay);

    private readonly Group[] _groups;
    private readonly Tensor[][] _expAvg, _expAvgSq;
    private readonly double _beta1, _beta2, _eps;
    private long _step;

    /// <summary>The rate the next <see cref="Step"/> uses (warmup and schedules set it per step).</summary>
    public double LearningRate { get; set; }

    public AdamW(IEnumerable<Group> groups, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        _groups = groups.ToArray();
        _expAvg = _groups.Select(g => g.Parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray()).ToArray();
        _expAvgSq = _groups.Select(g => g.Parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray()).ToArray();
        LearningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
    }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var group in _groups)
            foreach (var parameter in group.Parameters)
                parameter.grad?.zero_();
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var _ = no_grad();
        _step++;
        double biasCorrection1 = 1 - Math.Pow(_beta1, _step);
        double biasCorrection2 = 1 - Math.Pow(_beta2, _step);
        using Scalar beta1 = _beta1, oneMinusBeta1 = 1 - _beta1, beta2 = _beta2, oneMinusBeta2 = 1 - _beta2, eps = _eps, one = 1;
        using Scalar correction2 = Math.Sqrt(biasCorrection2), stepSize = -(LearningRate / biasCorrection1);
        for (int g = 0; g < _groups.Length; g++)
        {
            using Scalar decay = 1 - LearningRate * _groups[g].WeightDecay;
            for (int i = 0; i < _groups[g].Parameters.Count; i++)
            {
                var parameter = _groups[g].Parameters[i];
                var grad = parameter.grad;
                if (grad is null) continue;
                parameter.mul_(decay);
                _expAvg[g][i].mul_(beta1).add_(grad, alpha: oneMinusBeta1);
                _expAvgSq[g][i].mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2);
                using var root = _expAvgSq[g][i].sqrt();
                using var denominator = root.div(correction2);
                denominator.add_(eps, one);
                parameter.addcdiv_(_expAvg[g][i], denominator, value: stepSize);
            }
        }
    }

    public void Dispose()
    {
        foreach (var tensor in _expAvg.Concat(_expAvgSq).SelectMany(t => t)) tensor.Dispose();
    }
}
