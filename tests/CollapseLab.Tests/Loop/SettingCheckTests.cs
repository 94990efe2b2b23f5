using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Loop;

/// <summary><see cref="SettingChecks"/> over every task setting this library ships and every workflow of the catalogue.</summary>
public class SettingCheckTests
{
    /// <summary>
    /// The library's catalogue (immutable: no test can add stand-ins to it) but the external setting: it has no
    /// defaults for the user's programs and data, so its own tests (Tasks/External/ExternalSettingTests) check
    /// determinism, reuse and sampling with a toy model instead.
    /// </summary>
    private static string[] Shipped() => TaskCatalog.BuiltIn.All
        .Where(t => t.Name != global::CollapseLab.Tasks.External.ExternalSetting.TaskName)
        .Select(t => t.Name).ToArray();

    public static TheoryData<string> Tasks() => [.. Shipped()];

    public static TheoryData<string> Workflows() => [.. WorkflowCatalog.BuiltIn.All.Select(w => w.Name)];

    private static ITaskSetting Setting(string task) => SettingChecks.DefaultConstructible(TaskCatalog.BuiltIn.Find(task));

    [Fact]
    public void EveryShippedSettingIsChecked() => Assert.Equal(["gaussian", "kde", "discrete", "linreg"], Shipped());

    [Theory, MemberData(nameof(Tasks))]
    public void DefaultConstructible(string task) => Setting(task);

    [Theory, MemberData(nameof(Tasks))]
    public void FitTwiceEqualsFitOnce(string task) => SettingChecks.FitTwiceEqualsFitOnce(Setting(task));

    [Theory, MemberData(nameof(Tasks))]
    public void SameSeedSameBits(string task) => SettingChecks.SameSeedSameBits(Setting(task));

    [Theory, MemberData(nameof(Tasks))]
    public void SamplesAsManyRowsAsAsked(string task) => SettingChecks.SamplesAsManyRowsAsAsked(Setting(task));

    [Theory, MemberData(nameof(Tasks))]
    public void IterationOneOnRealDataOnly(string task) => SettingChecks.IterationOneOnRealDataOnly(Setting(task));

    [Theory, MemberData(nameof(Tasks))]
    public void DeclaredAbilitiesAreImplemented(string task) => SettingChecks.DeclaredAbilitiesAreImplemented(Setting(task));

    [Theory, MemberData(nameof(Workflows))]
    public void WorkflowDefaultConstructible(string workflow) =>
        SettingChecks.WorkflowDefaultConstructible(SettingChecks.Workflows().Single(w => w.Name == workflow));

    [Theory, MemberData(nameof(Workflows))]
    public void WorkflowSelectsRealDataFirst(string workflow) =>
        SettingChecks.WorkflowSelectsRealDataFirst(SettingChecks.Workflows().Single(w => w.Name == workflow));

    [Fact]
    public void ADeclaredAbilityTheRunLacksFailsTheRunByName()
    {
        var setting = new OverclaimingSetting();
        var spec = RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create("fresh", new Dictionary<string, string> { ["fresh-real"] = "2" }), 5, 3, 0);
        var result = setting.Run(spec);
        Assert.False(result.Succeeded);
        Assert.StartsWith(nameof(TaskAbilityException), result.Error);
        Assert.Contains("task overclaiming declares abilities its RunWithoutFreshData does not implement: FreshRealData (IFreshRealData<TData> on the run)", result.Error);
        Assert.Empty(result.Metrics); // checked before the first fit, whatever the workflow
    }

    [Fact]
    public void ADeclaredModelAbilityTheModelLacksFailsTheRunByName()
    {
        var setting = new OverclaimingSetting(TaskAbilities.ModelLikelihood);
        var result = setting.Run(RunSpec.Create(setting, new Replace(), 5, 3, 0));
        Assert.False(result.Succeeded);
        Assert.Contains("its Model does not implement: ModelLikelihood (IModelLikelihood<TData> on the model)", result.Error);
    }

    [Fact]
    public void TheSharedSuiteCatchesADeclaredAbilityTheRunLacks() =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SettingChecks.DeclaredAbilitiesAreImplemented(new OverclaimingSetting()));

    [Fact]
    public void TheSharedSuiteCatchesFlawedSettings()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SettingChecks.FitTwiceEqualsFitOnce(new FlawedSetting(Flaw.FitLeaksState)));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SettingChecks.SameSeedSameBits(new FlawedSetting(Flaw.SharedStream)));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SettingChecks.SamplesAsManyRowsAsAsked(new FlawedSetting(Flaw.SamplesOneTooFew)));
        // Each check is specific: the flaws it is not about pass it.
        SettingChecks.SameSeedSameBits(new FlawedSetting(Flaw.FitLeaksState));
        SettingChecks.SameSeedSameBits(new FlawedSetting(Flaw.SamplesOneTooFew));
    }

    /// <summary>What a flawed setting gets wrong: a fit that changes the run, real data from one stream shared by all runs, short samples.</summary>
    public enum Flaw { FitLeaksState, SharedStream, SamplesOneTooFew }

    /// <summary>A 1-D setting whose model is the training mean, with one deliberate <see cref="Flaw"/>.</summary>
    private sealed class FlawedSetting(Flaw flaw) : TaskSetting<Rows>
    {
        public override string Name => "flawed";
        public override ParameterValues Parameters { get; } = ParameterValues.Parse([], new Dictionary<string, string>(), "flawed");

        private readonly Rng _shared = new(1);

        public override ITaskRun<Rows> Start(int samples, ulong seed) =>
            new FlawedRun(flaw, Draw(samples, flaw == Flaw.SharedStream ? _shared : Rng.For(seed, RngStream.Real)));

        private static Rows Draw(int n, Rng rng) => new(Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray(), 1);

        private sealed class FlawedRun(Flaw flaw, Rows real) : ITaskRun<Rows>
        {
            private int _fits;

            public Rows Real => real;

            public IModel<Rows> Fit(TrainingSet<Rows> train, Rng rng) =>
                new Model(flaw, train.Materialize().Values.Average() + (flaw == Flaw.FitLeaksState ? _fits++ : 0));
        }

        private sealed class Model(Flaw flaw, double mean) : IModel<Rows>
        {
            public Rows Sample(int n, Rng rng) => new(Enumerable.Range(0, flaw == Flaw.SamplesOneTooFew ? n - 1 : n).Select(_ => mean + rng.NextGaussian()).ToArray(), 1);

            public void Score(MetricSink metrics) => metrics.Add(MetricNames.MeanSqError, mean * mean);
        }
    }

    /// <summary>Declares abilities (fresh real data by default) that neither its run nor its model implements.</summary>
    private sealed class OverclaimingSetting(TaskAbilities abilities = TaskAbilities.FreshRealData) : TaskSetting<Rows>
    {
        public override string Name => "overclaiming";
        public override ParameterValues Parameters { get; } = ParameterValues.Parse([], new Dictionary<string, string>(), "overclaiming");
        public override TaskAbilities Abilities => abilities;

        public override ITaskRun<Rows> Start(int samples, ulong seed) => new RunWithoutFreshData(new Rows(new double[samples], 1));

        private sealed class RunWithoutFreshData(Rows real) : ITaskRun<Rows>
        {
            public Rows Real => real;

            public IModel<Rows> Fit(TrainingSet<Rows> train, Rng rng) => new Model();
        }

        private sealed class Model : IModel<Rows>
        {
            public Rows Sample(int n, Rng rng) => new(new double[n], 1);

            public void Score(MetricSink metrics) => metrics.Add(MetricNames.TestNll, 0);
        }
    }
}
