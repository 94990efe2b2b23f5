using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Loop;

/// <summary>The loop's step that scores a generation after it is sampled (<see cref="IGenerationScore{TData}"/>).</summary>
public class GenerationScoreTests
{
    [Fact]
    public void EveryGenerationIsScoredAsSampledFromItsStreamTheLastIncluded()
    {
        var setting = new CountingSetting(scoresGenerations: true);
        var result = setting.Run(RunSpec.Create(setting, new Replace(), 4, 3, 9));
        Assert.True(result.Succeeded, result.Error);
        // One sample per iteration, each from the iteration's sample stream, and each scored: also at t = T, where the
        // generation joins no pool.
        Assert.Equal([1, 2, 3], setting.Sampled.Select(s => s.Iteration));
        for (int t = 1; t <= 3; t++)
            Assert.Equal(Rng.For(9, RngStream.Sample, t).NextDouble(), setting.Sampled[t - 1].First);
        Assert.Equal(setting.Sampled.Select(s => s.First), setting.Scored.Select(s => s.First));
        Assert.Equal(["test_nll", "mean_length"], result.Metrics.Where(m => m.Iteration == 3).Select(m => m.Metric));
        // Replace trains iteration t + 1 on generation t: the scored generation is the one that joined the pool.
        Assert.Equal(setting.Sampled.Take(2).Select(s => s.First), setting.Fits.Skip(1));
    }

    [Fact]
    public void AModelThatScoresNoGenerationIsNotSampledAtTheLastIteration()
    {
        var setting = new CountingSetting(scoresGenerations: false);
        var result = setting.Run(RunSpec.Create(setting, new Replace(), 4, 3, 9));
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([1, 2], setting.Sampled.Select(s => s.Iteration));
        Assert.Empty(setting.Scored);
    }

    /// <summary>
    /// A 1-D task whose samples are the sample stream's first draws; its model records what it samples and what it is
    /// asked to score, and (optionally) scores generations by their first value.
    /// </summary>
    private sealed class CountingSetting(bool scoresGenerations) : TaskSetting<Rows>
    {
        public List<(int Iteration, double First)> Sampled { get; } = [];
        public List<(int Iteration, double First)> Scored { get; } = [];
        public List<double> Fits { get; } = [];
        public bool ScoresGenerations => scoresGenerations;

        public override string Name => "counting";
        public override ParameterValues Parameters { get; } = ParameterValues.Parse([], new Dictionary<string, string>(), "counting");

        public override ITaskRun<Rows> Start(int samples, ulong seed) => new CountingRun(this, new Rows(new double[samples], 1));

        private sealed class CountingRun(CountingSetting setting, Rows real) : ITaskRun<Rows>
        {
            public Rows Real => real;

            public IModel<Rows> Fit(TrainingSet<Rows> train, Rng rng)
            {
                setting.Fits.Add(train.Materialize().Values[0]);
                int iteration = setting.Fits.Count;
                return setting.ScoresGenerations ? new ScoringModel(setting, iteration) : new Model(setting, iteration);
            }
        }

        private class Model(CountingSetting setting, int iteration) : IModel<Rows>
        {
            public Rows Sample(int n, Rng rng)
            {
                var values = new double[n];
                for (int i = 0; i < n; i++) values[i] = rng.NextDouble();
                setting.Sampled.Add((iteration, values[0]));
                return new Rows(values, 1);
            }

            public void Score(MetricSink metrics) => metrics.Add(MetricNames.TestNll, iteration);

            protected CountingSetting Setting => setting;
            protected int Iteration => iteration;
        }

        private sealed class ScoringModel(CountingSetting setting, int iteration) : Model(setting, iteration), IGenerationScore<Rows>
        {
            public void ScoreGeneration(Rows generation, MetricSink metrics)
            {
                Setting.Scored.Add((Iteration, generation.Values[0]));
                metrics.Add(MetricNames.MeanLength, generation.Count);
            }
        }
    }
}
