using CollapseLab.Loop;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Kde;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Tasks.Kde;

/// <summary>
/// The reference study's blobs quirk, on request: its fit_kdes.py calls make_blobs once for the training data and once
/// for the test set, so the test set comes from other centres. CollapseLab's default shares one truth.
/// </summary>
public sealed class ReferenceTestCentersTests
{
    private static RunResult Run(bool referenceCenters, ulong seed)
    {
        var values = new Dictionary<string, string> { ["dataset"] = "blobs", ["bandwidth"] = "0.5" };
        if (referenceCenters) values[KdeSetting.ReferenceTestCentersKey] = "true";
        var setting = TaskCatalog.BuiltIn.Create("kde", values);
        return setting.Run(RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create("replace"), 32, 1, seed));
    }

    private static double At(RunResult run, string metric) => run.Metrics.Single(m => m.Metric == metric && m.Iteration == 1).Value;

    [Fact]
    public void Off_by_default_and_absent_from_the_run_identity()
    {
        var plain = Run(false, 0).Spec;
        Assert.DoesNotContain(KdeSetting.ReferenceTestCentersKey, plain.Key);
        var explicitOff = TaskCatalog.BuiltIn.Create("kde", new Dictionary<string, string> { ["dataset"] = "blobs", ["bandwidth"] = "0.5", [KdeSetting.ReferenceTestCentersKey] = "false" });
        Assert.Equal(plain.Id, RunSpec.Create(explicitOff, plain.Workflow, 32, 1, 0).Id);
        Assert.Contains($"{KdeSetting.ReferenceTestCentersKey}=true", Run(true, 0).Spec.Key);
    }

    [Fact]
    public void Separate_test_centres_keep_the_training_data_and_raise_the_test_nll_by_an_order_of_magnitude()
    {
        var ratios = new List<double>();
        for (ulong seed = 0; seed < 20; seed++)
        {
            RunResult shared = Run(false, seed), separate = Run(true, seed);
            Assert.Equal(At(shared, MetricNames.TrainSpread), At(separate, MetricNames.TrainSpread)); // same training data
            ratios.Add(At(separate, MetricNames.TestNll) / At(shared, MetricNames.TestNll));
        }
        // the numbers at n = 32, h = 0.5, t = 1: ≈ 81 against ≈ 4.3
        Assert.True(ratios.Order().ElementAt(ratios.Count / 2) > 5, string.Join(", ", ratios));
    }
}
