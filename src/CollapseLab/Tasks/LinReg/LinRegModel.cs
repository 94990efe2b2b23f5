using CollapseLab.Loop;
using CollapseLab.Random;

namespace CollapseLab.Tasks.LinReg;

/// <summary>A fitted weight vector ŵ of one linear-regression run.</summary>
internal sealed class LinRegModel(LinRegRun run, double[] weights) : IModel<Labels>, IModelLikelihood<Labels>
{
    /// <summary>ŵ, length d.</summary>
    public double[] Weights { get; } = weights;

    /// <summary>The next generation: the design relabelled with ŵ plus fresh noise.</summary>
    public Labels Sample(int n, Rng rng) => run.Label(Weights, n, rng);

    /// <summary>log N(y; xᵀŵ, σ²) per label, up to a shared constant (see <see cref="LinRegRun.LogLikelihood"/>).</summary>
    public double[] LogLikelihood(Labels samples) => run.LogLikelihood(Weights, samples);

    public void Score(MetricSink metrics) => metrics.Add(MetricNames.TestMse, TestMse());

    /// <summary>Mean over the run's test points x of (xᵀŵ − xᵀw*)², computed as (xᵀ(ŵ − w*))².</summary>
    public double TestMse()
    {
        var test = run.Test;
        int d = Weights.Length;
        var error = new double[d];
        for (int k = 0; k < d; k++) error[k] = Weights[k] - run.TrueWeights[k];
        double total = 0;
        for (int i = 0; i < test.Count; i++)
        {
            var x = test.Row(i);
            double s = 0;
            for (int k = 0; k < d; k++) s += x[k] * error[k];
            total += s * s;
        }
        return total / test.Count;
    }
}
