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
    /// <summary>The catalogue's settings defined in the library itself (other assemblies run the checks on their own).</summary>
    private static string[] Shipped() => TaskCatalog.All
        .Where(t => t.Create(ParameterValues.Parse(t.Parameters, new Dictionary<string, string>(), t.Name)).GetType().Assembly == typeof(TaskCatalog).Assembly)
        .Select(t => t.Name).ToArray();

    public static TheoryData<string> Tasks() => [.. Shipped()];

    public static TheoryData<string> Workflows() => [.. WorkflowCatalog.All.Select(w => w.Name)];

    private static ITaskSetting Setting(string task) => SettingChecks.DefaultConstructible(TaskCatalog.Find(task));

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
        var spec = RunSpec.Create(setting, WorkflowCatalog.Create("fresh", new Dictionary<string, string> { ["fresh-real"] = "2" }), 5, 3, 0);
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
