using CollapseLab.Loop;
using CollapseLab.Sweeps;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Lm.Tests;

/// <summary>Shards and <c>reproduce --plan</c> cost language-model runs by the setting's own model, not a Gaussian formula.</summary>
public sealed class LmCostTests
{
    private static readonly TaskCatalog Catalog = TaskCatalog.BuiltIn.With(LmSetting.Info);

    private static double Cost(string preset, IWorkflow workflow, int samples = 100, int iterations = 5) =>
        RunCost.Estimate(RunSpec.Create(Catalog.Create("lm", new Dictionary<string, string> { ["preset"] = preset }), workflow, samples, iterations, 0));

    [Fact]
    public void A_larger_model_more_data_or_a_growing_training_set_cost_more()
    {
        Assert.True(Cost("medium", new Replace()) > 10 * Cost("tiny", new Replace())); // parameters × context
        Assert.True(Cost("tiny", new Replace(), samples: 400) > 2 * Cost("tiny", new Replace(), samples: 100)); // the held-out documents cost the same
        Assert.True(Cost("tiny", new Accumulate()) > Cost("tiny", new Replace())); // t·n documents at iteration t
        Assert.Null(RunCost.Seconds(RunSpec.Create(Catalog.Create("lm"), new Replace(), 100, 5, 0))); // not measured: no made-up hours
    }
}
