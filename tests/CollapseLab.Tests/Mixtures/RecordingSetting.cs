using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Tests.Mixtures;

/// <summary>
/// A test-only task whose data say where they came from: real pool row i holds i, the generator's fresh real
/// sample holds −1, and synthetic row j holds <see cref="SyntheticBase"/> + j. Every fit is recorded; its score
/// (test_nll) is the number of training samples.
/// </summary>
internal sealed class RecordingSetting : TaskSetting<Rows>
{
    public const double SyntheticBase = 1_000_000;

    public List<(ulong Seed, double[] Training)> Fits { get; } = [];

    public override string Name => "gaussian"; // only the name is stored; these tests never rebuild the setting
    public override ParameterValues Parameters { get; } = ParameterValues.Parse([], new Dictionary<string, string>(), "recording");
    public override TaskAbilities Abilities => TaskAbilities.FreshRealData;

    public override ITaskRun<Rows> Start(int samples, ulong seed) => new RecordingRun(this, seed, new Rows(Enumerable.Range(0, samples).Select(i => (double)i).ToArray(), 1));

    private sealed class RecordingRun(RecordingSetting setting, ulong seed, Rows real) : ITaskRun<Rows>, IFreshRealData<Rows>
    {
        public Rows Real => real;

        public Rows DrawReal(int n, Rng rng) => new(Enumerable.Repeat(-1.0, n).ToArray(), 1);

        public IModel<Rows> Fit(TrainingSet<Rows> train, Rng rng)
        {
            var data = train.Materialize().Values.ToArray();
            lock (setting.Fits) setting.Fits.Add((seed, data));
            return new Model(data.Length);
        }
    }

    private sealed class Model(int count) : IModel<Rows>
    {
        public Rows Sample(int n, Rng rng) => new(Enumerable.Range(0, n).Select(j => SyntheticBase + j).ToArray(), 1);

        public void Score(MetricSink metrics) => metrics.Add(MetricNames.TestNll, count);
    }
}
