using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CollapseLab.Loop;
using CollapseLab.Numerics;
using CollapseLab.Random;
using CollapseLab.Tasks.LinReg;
using CollapseLab.Workflows;

namespace CollapseLab.Benchmarks.LinReg;

/// <summary>
/// Whole linear-regression runs (n = 1000, d = 100, 20 iterations) per workflow, beside a baseline that refits
/// every iteration by the pseudo-inverse of the materialised training rows (no factorisation reused; the same
/// thin QR + SVD routine, since MathNet's full-SVD pseudo-inverse of a 20 000-row stack would need a 3 GB U).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class LinRegBenchmarks
{
    private const int N = 1000, D = 100, T = 20;
    private static readonly LinRegSetting _setting = new(new() { Dim = D, Sigma2 = 1.0 });

    [Params("replace", "accumulate", "accumulate-subsample")]
    public string Workflow { get; set; } = "replace";

    [Benchmark(Description = "linreg n=1000 d=100 T=20, pinv(X0) reused / running sums")]
    public double Reused() => Run(_setting);

    [Benchmark(Baseline = true, Description = "linreg n=1000 d=100 T=20, pinv of the materialised rows every iteration (baseline)")]
    public double Refit() => Run(new RefitSetting());

    private double Run(ITaskSetting setting)
    {
        var result = setting.Run(RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create(Workflow), N, T, 1));
        if (!result.Succeeded) throw new InvalidOperationException(result.Error);
        return result.Metrics[^1].Value;
    }

    private sealed class RefitSetting : TaskSetting<Labels>
    {
        public override string Name => _setting.Name;
        public override Parameters.ParameterValues Parameters => _setting.Parameters;
        public override ITaskRun<Labels> Start(int samples, ulong seed) => new RefitRun((LinRegRun)_setting.Start(samples, seed));
    }

    private sealed class RefitRun(LinRegRun inner) : ITaskRun<Labels>
    {
        public Labels Real => inner.Real;

        public IModel<Labels> Fit(TrainingSet<Labels> train, Rng rng)
        {
            var labels = train.Materialize();
            var x = new double[labels.Count * D];
            for (int i = 0; i < labels.Count; i++) inner.Design.Row(labels.DesignRows[i]).CopyTo(x.AsSpan(i * D, D));
            var inverse = PseudoInverse.Of(x, labels.Count, D); // (d, m)
            var w = new double[D];
            for (int k = 0; k < D; k++)
                for (int i = 0; i < labels.Count; i++) w[k] += inverse[k * labels.Count + i] * labels.Values[i];
            return new LinRegModel(inner, w);
        }
    }
}
