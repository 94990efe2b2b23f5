using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CollapseLab.Loop;
using CollapseLab.Random;
using CollapseLab.Tasks.Discrete;
using CollapseLab.Workflows;

namespace CollapseLab.Benchmarks.Discrete;

/// <summary>
/// The discrete setting at K = n = 10⁵ under Replace: a whole run to fixation, and the first 1000 generations
/// beside two baselines that sample the same models differently (n individual draws; conditional binomials over
/// all K outcomes). One invocation is one whole run, so the Monitoring strategy times each.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class DiscreteBenchmarks
{
    private const int K = 100_000, N = 100_000;
    private static readonly DiscreteSetting _fixing = new(new() { Outcomes = K, StopAtFixation = true });

    [Params(1UL, 2UL)]
    public ulong Seed { get; set; }

    [Benchmark(Description = "K=n=1e5 replace to fixation (sparse multinomial counts)")]
    public int ToFixation() => Run(_fixing, 10_000_000).Metrics[^1].Iteration;

    [Benchmark(Description = "K=n=1e5 replace, 1000 generations, sparse multinomial counts")]
    public int Counts() => Run(_fixing, 1000).Metrics[^1].Iteration;

    [Benchmark(Baseline = true, Description = "K=n=1e5 replace, 1000 generations, n individual draws (baseline)")]
    public int IndividualDraws() => Run(new BaselineSetting(K, denseCounts: false), 1000).Metrics[^1].Iteration;

    [Benchmark(Description = "K=n=1e5 replace, 1000 generations, binomials over all K outcomes (baseline)")]
    public int DenseCounts() => Run(new BaselineSetting(K, denseCounts: true), 1000).Metrics[^1].Iteration;

    private RunResult Run(ITaskSetting setting, int iterations)
    {
        var result = setting.Run(RunSpec.Create(setting, new Replace(), N, iterations, Seed));
        if (!result.Succeeded) throw new InvalidOperationException(result.Error);
        return result;
    }

    /// <summary>The discrete setting with its models' sampling replaced by a baseline method.</summary>
    private sealed class BaselineSetting(int outcomes, bool denseCounts) : TaskSetting<OutcomeCounts>
    {
        private readonly DiscreteSetting _inner = new(new() { Outcomes = outcomes, StopAtFixation = true });

        public override string Name => _inner.Name;
        public override Parameters.ParameterValues Parameters => _inner.Parameters;

        public override ITaskRun<OutcomeCounts> Start(int samples, ulong seed) => new BaselineRun(_inner.Start(samples, seed), outcomes, denseCounts);
    }

    private sealed class BaselineRun(ITaskRun<OutcomeCounts> inner, int outcomes, bool denseCounts) : ITaskRun<OutcomeCounts>
    {
        public OutcomeCounts Real => inner.Real;

        public IModel<OutcomeCounts> Fit(TrainingSet<OutcomeCounts> train, Rng rng) =>
            new BaselineModel((DiscreteModel)inner.Fit(train, rng), outcomes, denseCounts);
    }

    private sealed class BaselineModel(DiscreteModel inner, int outcomes, bool denseCounts) : IModel<OutcomeCounts>
    {
        public bool EndsRun => inner.EndsRun;

        public void Score(MetricSink metrics) => inner.Score(metrics);

        public OutcomeCounts Sample(int n, Rng rng) => denseCounts ? Dense(n, rng) : Individual(n, rng);

        /// <summary>n categorical draws, each by binary search in the cumulative counts, then counted.</summary>
        private OutcomeCounts Individual(int n, Rng rng)
        {
            var counts = inner.Counts;
            var ends = new long[counts.Support];
            long total = 0;
            for (int i = 0; i < ends.Length; i++) ends[i] = total += counts.Counts[i];
            var draws = new int[n];
            for (int i = 0; i < n; i++)
            {
                long u = (long)(rng.NextDouble() * total);
                int at = Array.BinarySearch(ends, u + 1);
                draws[i] = counts.Outcomes[at >= 0 ? at : ~at];
            }
            return OutcomeCounts.FromDraws(draws);
        }

        /// <summary>Conditional binomials over a dense vector of all K outcomes, zeros included.</summary>
        private OutcomeCounts Dense(int n, Rng rng)
        {
            var weights = new long[outcomes];
            var counts = inner.Counts;
            for (int i = 0; i < counts.Support; i++) weights[counts.Outcomes[i]] = counts.Counts[i];
            var drawn = new int[outcomes];
            Multinomial.Sample(weights, n, rng, drawn);
            return new OutcomeCounts(CountVector.FromPositive(Enumerable.Range(0, outcomes).ToArray(), drawn));
        }
    }
}
