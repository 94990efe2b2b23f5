using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Tasks.Gaussian;

/// <summary>The general recursion (docs/theory.md) against the closed forms and against simulation, workflow by workflow.</summary>
public class GaussianRecursionTests
{
    private static GaussianSetting Setting(int dim, double sigma2 = 1, double temperature = 1, string estimator = "mle") =>
        (GaussianSetting)TaskCatalog.BuiltIn.Create("gaussian", new Dictionary<string, string>
        {
            ["dim"] = dim.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sigma2"] = ParameterSpec.Format(sigma2), ["temperature"] = ParameterSpec.Format(temperature), ["estimator"] = estimator,
        });

    private static IWorkflow Workflow(string name, params (string Key, string Value)[] parameters) =>
        WorkflowCatalog.BuiltIn.Create(name, parameters.ToDictionary(p => p.Key, p => p.Value));

    [Theory]
    [InlineData("replace")]
    [InlineData("accumulate")]
    public void WholeEntryRecursionReproducesTheClosedForms(string workflow)
    {
        var expected = GaussianRecursion.Expect(Setting(4, 2.0), Workflow(workflow), 10, 30)!;
        for (int t = 1; t <= 30; t++)
        {
            Assert.Equal(GaussianTheory.MeanSqError(WorkflowCatalog.BuiltIn.Create(workflow), 4, 10, 2.0, t)!.Value, expected.MeanSqError[t - 1], 12);
            Assert.Equal(GaussianTheory.TraceRatio(WorkflowCatalog.BuiltIn.Create(workflow), 10, t)!.Value, expected.TraceRatio[t - 1], 12);
        }
    }

    [Fact]
    public void AWindowAsLongAsTheRunIsAccumulate()
    {
        var window = GaussianRecursion.Expect(Setting(1), Workflow("window", ("window", "12")), 10, 12)!;
        var accumulate = GaussianRecursion.Expect(Setting(1), Workflow("accumulate"), 10, 12)!;
        Assert.Equal(accumulate.TraceRatio, window.TraceRatio);
        Assert.Equal(accumulate.MeanSqError, window.MeanSqError);
    }

    [Fact]
    public void UnbiasedReplaceKeepsTheTraceExactly()
    {
        var expected = GaussianRecursion.Expect(Setting(3, estimator: "unbiased"), Workflow("replace"), 10, 20)!;
        Assert.All(expected.TraceRatio, v => Assert.Equal(1.0, v, 12));
    }

    [Fact]
    public void MixWithFractionZeroIsTheRealDataAndWithFractionOneIsReplace()
    {
        var real = GaussianRecursion.Expect(Setting(2), Workflow("mix", ("synthetic-fraction", "0")), 10, 10)!;
        Assert.All(real.TraceRatio, v => Assert.Equal(0.9, v, 12));
        Assert.All(real.MeanSqError, v => Assert.Equal(0.2, v, 12));
        var all = GaussianRecursion.Expect(Setting(2), Workflow("mix", ("synthetic-fraction", "1")), 10, 10)!;
        var replace = GaussianRecursion.Expect(Setting(2), Workflow("replace"), 10, 10)!;
        for (int t = 0; t < 10; t++)
        {
            Assert.Equal(replace.TraceRatio[t], all.TraceRatio[t], 12);
            Assert.Equal(replace.MeanSqError[t], all.MeanSqError[t], 12);
        }
    }

    [Fact]
    public void CurationHasNoClosedForm() =>
        Assert.Null(GaussianRecursion.Expect(Setting(1), Workflow("replace", ("curate", "random:0.5")), 10, 5));

    public static TheoryData<string, (string, string)[], double, int> SimulatedCases => new()
    {
        { "window", [("window", "3")], 1.0, 10 },
        { "fresh", [("fresh-real", "5")], 1.0, 10 },
        { "mix", [("synthetic-fraction", "0.5")], 1.0, 10 },
        { "mix", [("synthetic-fraction", "0.8")], 1.0, 10 },
        { "accumulate", [("growth", "geometric:1.5")], 1.0, 10 },
        { "replace", [("growth", "linear:4")], 1.0, 10 },
        { "accumulate", [("fresh-real", "3")], 1.0, 10 },
        { "window", [("window", "2"), ("fresh-real", "4"), ("growth", "linear:2")], 1.0, 10 },
        { "replace", [], 0.8, 10 },
        { "accumulate", [], 1.3, 10 },
    };

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void SimulationsMatchTheRecursion(string workflow, (string, string)[] parameters, double temperature, int samples)
    {
        var setting = Setting(2, 1.5, temperature);
        var flow = Workflow(workflow, parameters);
        const int T = 8;
        var expected = GaussianRecursion.Expect(setting, flow, samples, T)!;
        var results = MonteCarlo.Run(setting, flow, samples, T, seeds: 8_000);
        foreach (int t in new[] { 2, 4, 8 })
        {
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.MeanSqError, t), expected.MeanSqError[t - 1], $"{workflow} mean_sq_error t={t}");
            MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.CovTraceRatio, t), expected.TraceRatio[t - 1], $"{workflow} cov_trace_ratio t={t}");
        }
    }

    [Fact]
    public void FreshRealDataKeepsTheTraceAwayFromZeroUnderReplace()
    {
        // Without fresh data the trace ratio decays like 0.9^t; with 5 fresh samples per generation it settles.
        var fresh = GaussianRecursion.Expect(Setting(1), Workflow("fresh", ("fresh-real", "5")), 10, 300)!;
        Assert.InRange(fresh.TraceRatio[^1], 0.5, 1.0);
        Assert.Equal(fresh.TraceRatio[^2], fresh.TraceRatio[^1], 9);
        var results = MonteCarlo.Run(Setting(1), Workflow("fresh", ("fresh-real", "5")), 10, 300, seeds: 3_000);
        MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.CovTraceRatio, 300), fresh.TraceRatio[^1], "fresh trace t=300");
    }
}
