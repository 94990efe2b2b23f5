using CollapseLab.Tasks;
using CollapseLab.Studies;
using CollapseLab.Sweeps;
using CollapseLab.Tasks.Discrete;

namespace CollapseLab.Tests.Studies;

/// <summary>
/// <c>reproduce --scale paper</c> is the reference study's grids run for run. The reference's sweep files
/// (RylanSchaeffer/KoyejoLab-Collapse-or-Thrive, sweeps/fit_*, commit 369132e) are encoded here by their shapes:
/// each is rebuilt in the reference's own format from the values it lists, read through the aliases, and the
/// union of their runs must be exactly the runs of the paper part.
/// </summary>
public sealed class PaperGridTests
{
    private static readonly string Seeds = string.Join(", ", Enumerable.Range(0, 100)); // every reference file lists seeds 0, 1, …, 99
    private static readonly string[] Settings = ["Replace", "Accumulate", "Accumulate-Subsample"];
    private static readonly string[] Samples = ["10", "32", "100", "316", "1000"];

    private static readonly (string Dataset, string Kwarg, string Value)[] KdeDatasets =
        [("blobs", "n_features", "2"), ("circles", "noise", "0.05"), ("moons", "noise", "0.05"), ("swiss_roll", "noise", "0.05")];

    /// <summary>One reference sweep file: <c>program:</c>, then the parameters as the reference writes them.</summary>
    private static string ReferenceFile(string program, string parameters, params string[] settings) =>
        $"program: src/{program}/{program}.py\nmethod: grid\nparameters:\n{parameters}"
        + $"  seed:\n    values: [{Seeds}]\n  setting:\n    values: [{string.Join(", ", settings.Select(s => $"\"{s}\""))}]\n";

    private static string List(IEnumerable<string> values) => $"[{string.Join(", ", values)}]";

    private static IReadOnlyList<string> Expected(IEnumerable<string> referenceFiles) =>
        referenceFiles.SelectMany(yaml => SweepFile.Parse(yaml, "reference.yaml", TaskCatalog.BuiltIn).Expand()).Select(r => r.Id).ToArray();

    private static IReadOnlyList<string> Paper(string part) =>
        SweepFile.Parse(BuiltInStudy.Files(StudyScale.Paper).Single(f => f.Name == $"sweeps/reproduce/paper/{part}.yaml").Yaml, part, TaskCatalog.BuiltIn).Expand().Select(r => r.Id).ToArray();

    private static void AssertSameRuns(IReadOnlyList<string> expected, IReadOnlyList<string> actual, int count)
    {
        Assert.Equal(count, expected.Distinct().Count());
        Assert.Equal(count, actual.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DiscreteIsTheReferenceReplaceGridToFixation()
    {
        // fit_discrete_distributions/replace.yaml: no num_iterations (the reference loops until the entropy < 1e-8)
        string file = ReferenceFile("fit_discrete_distributions",
            "  data_config:\n    parameters:\n      init_sampling_distribution:\n        values: [\"uniform\"]\n"
            + "  num_outcomes:\n    values: [10, 100, 1000, 10000, 100000]\n  num_samples_per_iteration:\n    values: [10, 100, 1000, 10000, 100000]\n",
            "Replace");
        AssertSameRuns(Expected([file]), Paper("discrete"), 5 * 5 * 100);
        var runs = SweepFile.Parse(BuiltInStudy.Files(StudyScale.Paper).Single(f => f.Name.EndsWith("/discrete.yaml", StringComparison.Ordinal)).Yaml, "d", TaskCatalog.BuiltIn).Expand();
        Assert.All(runs, r => Assert.Equal((DiscreteSetting.FixationIterationCap, "true"), (r.Iterations, r.Task.Parameters.Text(DiscreteSetting.StopAtFixationKey))));
    }

    [Fact]
    public void DiscreteBeyondTheReferenceIsItsOwnPart()
    {
        var beyond = Paper("discrete-workflows");
        Assert.Equal(3 * 5 * 5 * 100, beyond.Count);
        Assert.Empty(beyond.Intersect(Paper("discrete")));
    }

    [Fact]
    public void GaussianIsTheReferenceGrid()
    {
        string parameters = "  data_dim:\n    values: [1, 3, 10, 31, 100]\n  num_samples_per_iteration:\n    values: " + List(Samples)
            + "\n  num_iterations:\n    values: [100]\n  sigma_squared:\n    values: [1.0]\n";
        // default.yaml (Accumulate, Replace) and accumulate_subsample.yaml
        var files = new[] { ReferenceFile("fit_gaussians", parameters, "Accumulate", "Replace"), ReferenceFile("fit_gaussians", parameters, "Accumulate-Subsample") };
        AssertSameRuns(Expected(files), Paper("gaussian"), 5 * 5 * 3 * 100);
    }

    [Fact]
    public void LinearRegressionIsTheReferenceGridWithItsThreeNoiseLevels()
    {
        // {replace,accumulate,accumulatesubsample}_data_dim=D.yaml, D ∈ {1, 3, 10, 32, 100}
        var files = from setting in Settings
                    from dim in new[] { "1", "3", "10", "32", "100" }
                    select ReferenceFile("fit_linear_regressions",
                        $"  data_dim:\n    values: [{dim}]\n  num_samples_per_iteration:\n    values: {List(Samples)}\n  num_iterations:\n    values: [100]\n"
                        + "  sigma_squared:\n    values: [0.1, 1.0, 10.]\n", setting);
        AssertSameRuns(Expected(files), Paper("linreg"), 3 * 5 * 5 * 3 * 100);
    }

    private static IEnumerable<string> KdeFiles(string bandwidths, string iterations, IEnumerable<string[]> settingGroups) =>
        from dataset in KdeDatasets
        from settings in settingGroups
        select ReferenceFile("fit_kdes",
            $"  data_config:\n    parameters:\n      dataset_name:\n        values: [\"{dataset.Dataset}\"]\n      dataset_kwargs:\n        parameters:\n"
            + $"          {dataset.Kwarg}:\n            values: [{dataset.Value}]\n  kernel:\n    values: [\"gaussian\"]\n  kernel_bandwidth:\n    values: {bandwidths}\n"
            + $"  num_samples_per_iteration:\n    values: {List(Samples)}\n  num_iterations:\n    values: [{iterations}]\n", settings);

    [Fact]
    public void KdeMainGridIsTheReferenceGrid()
    {
        // fit_kdes/<dataset>.yaml (Accumulate, Replace) and <dataset>_accumulate_subsample.yaml
        var files = KdeFiles("[0.1, 0.5, 1.0]", "100", [["Accumulate", "Replace"], ["Accumulate-Subsample"]]);
        AssertSameRuns(Expected(files), Paper("kde"), 4 * 3 * 5 * 3 * 100);
    }

    [Fact]
    public void KdeBandwidthStudyIsTheReferenceGridAtThousandIterations()
    {
        // fit_kdes_bandwidth/<dataset>_<setting>.yaml, one setting per file
        var files = KdeFiles("[0.01, 0.0316, 0.1, 0.316, 1.0, 3.16, 10.0, 31.6, 100.0]", "1000", Settings.Select(s => new[] { s }));
        AssertSameRuns(Expected(files), Paper("kde-bandwidth"), 9 * 4 * 5 * 3 * 100);
    }

    [Fact]
    public void EstimatedBandwidthStudyIsTheReferenceGridAtThousandIterations()
    {
        // fit_kdes_bandwidth/<dataset>_<setting>_estimated_bandwidth.yaml
        var files = KdeFiles("[\"scott\", \"silverman\"]", "1000", Settings.Select(s => new[] { s }));
        AssertSameRuns(Expected(files), Paper("kde-estimated-bandwidth"), 2 * 4 * 5 * 3 * 100);
    }

    [Fact]
    public void PlanListsEveryPartWithItsRunsStoredRunsAndCost()
    {
        var files = BuiltInStudy.Files(StudyScale.Paper).Where(f => !f.Name.EndsWith("/lm.yaml", StringComparison.Ordinal)).ToArray();
        var kde = Paper("kde");
        var plan = StudyPlan.Of(files, kde.Take(10).ToHashSet(StringComparer.Ordinal), TaskCatalog.BuiltIn);
        Assert.Equal(files.Select(f => f.Name), plan.Select(p => p.Name));
        Assert.All(plan, p => Assert.Null(p.Problem));
        Assert.All(plan, p => Assert.True(p.Seconds > 0, p.Name)); // every core task's cost is measured
        var kdePart = plan.Single(p => p.Name.EndsWith("/kde.yaml", StringComparison.Ordinal));
        Assert.Equal((18_000, 10), (kdePart.Runs, kdePart.InStore));
        Assert.True(StudyPlan.Of(files, new HashSet<string>(), TaskCatalog.BuiltIn).Single(p => p.Name == kdePart.Name).Cost > kdePart.Cost);
        Assert.Equal(7_500 + 2_500 + 7_500 + 54_000 + 12_000 + 18_000 + 22_500, plan.Sum(p => p.Runs));
        // the estimated-bandwidth part rescores Accumulate's growing pool: it must cost more than the fixed-bandwidth study
        Assert.True(plan.Single(p => p.Name.EndsWith("/kde-estimated-bandwidth.yaml", StringComparison.Ordinal)).Cost
            > plan.Single(p => p.Name.EndsWith("/kde-bandwidth.yaml", StringComparison.Ordinal)).Cost);
    }
}
