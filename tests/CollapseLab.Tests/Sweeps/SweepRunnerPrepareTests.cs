using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Sweeps;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Sweeps;

public sealed class SweepRunnerPrepareTests
{
    [Fact]
    public void Each_preparable_setting_is_prepared_once_and_a_failure_is_reported_not_thrown()
    {
        var shared = new PreparedStandIn(fails: false);
        var broken = new PreparedStandIn(fails: true);
        var gaussian = new GaussianSetting(new() { Dim = 1 });
        var runs = new[]
        {
            RunSpec.Create(shared, new Replace(), 10, 3, 0),
            RunSpec.Create(shared, new Accumulate(), 10, 3, 1),
            RunSpec.Create(broken, new Replace(), 10, 3, 0),
            RunSpec.Create(gaussian, new Replace(), 10, 3, 0),
        };
        var log = new List<string>();

        SweepRunner.Prepare(runs, log.Add);

        Assert.Equal(1, shared.Prepared);
        Assert.Equal(1, broken.Prepared);
        Assert.Equal(["prepared", $"preparing {PreparedStandIn.TaskName} failed, so its runs will fail: no base model"], log);
    }

    /// <summary>A setting that only counts its preparations (its runs are never started here).</summary>
    private sealed class PreparedStandIn(bool fails) : TaskSetting<Rows>, IPreparable
    {
        public const string TaskName = "test-prepared";

        public int Prepared { get; private set; }

        public override string Name => TaskName;

        public override ParameterValues Parameters { get; } = ParameterValues.Parse([], new Dictionary<string, string>(), "test");

        public void Prepare(Action<string> log)
        {
            Prepared++;
            if (fails) throw new InvalidOperationException("no base model");
            log("prepared");
        }

        public override ITaskRun<Rows> Start(int samples, ulong seed) => throw new NotSupportedException("never run in this test");
    }
}
