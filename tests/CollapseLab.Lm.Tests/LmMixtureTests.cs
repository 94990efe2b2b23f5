using CollapseLab.Lm.Model;
using CollapseLab.Lm.Tests.Support;
using CollapseLab.Lm.Training;
using CollapseLab.Loop;
using CollapseLab.Mixtures;
using CollapseLab.Random;

namespace CollapseLab.Lm.Tests;

/// <summary>The mixture study of the language model on the fixture's tiny corpora and base.</summary>
public class LmMixtureTests(LmFixture fixture) : IClassFixture<LmFixture>
{
    /// <summary>real pool 24 + generator 16 of the fixture's 64 training documents; batch 8, so cells take 1–5 steps by epochs.</summary>
    private static MixtureGrid Grid(LmSetting setting) => MixtureStudy.Grid(setting, [0, 8, 24], [0, 16], generatorSamples: 16);

    private static Dictionary<(int Real, int Synthetic), RunResult> ByCell(IEnumerable<RunResult> results) =>
        results.ToDictionary(r => r.Spec.Workflow is MixtureCell c ? (c.NumReal, c.NumSynthetic) : default);

    private static double Metric(RunResult result, string metric) => result.Metrics.Single(m => m.Metric == metric).Value;

    [Fact]
    public void The_empty_cell_scores_the_base_model_and_every_cell_records_eval_loss_and_its_steps()
    {
        var setting = fixture.Setting();
        var results = ByCell(MixtureStudy.RunSeed(setting, Grid(setting), seed: 1));

        Assert.Equal(6, results.Count); // (0, 0) included
        Assert.All(results.Values, r => Assert.True(r.Succeeded, r.Error));
        Assert.All(results.Values, r => Assert.Equal([MetricNames.EvalLoss, MetricNames.EvalBitsPerByte, MetricNames.FineTuneSteps], r.Metrics.Select(m => m.Metric)));
        var empty = results[(0, 0)];
        Assert.Equal(Evaluation.MeanLoss(setting.Base, setting.Data.ValidationTokens), Metric(empty, MetricNames.EvalLoss));
        Assert.Equal(0.0, Metric(empty, MetricNames.FineTuneSteps));
        // by epochs (1), a cell's steps grow with its documents: ceil(n / 8) within one length bucket
        Assert.Equal(1.0, Metric(results[(8, 0)], MetricNames.FineTuneSteps));
        Assert.Equal(2.0, Metric(results[(0, 16)], MetricNames.FineTuneSteps));
        Assert.Equal(5.0, Metric(results[(24, 16)], MetricNames.FineTuneSteps));
        // every other cell is a fine-tuned model, not the base
        Assert.All(results.Where(r => r.Key != (0, 0)), r => Assert.NotEqual(Metric(empty, MetricNames.EvalLoss), Metric(r.Value, MetricNames.EvalLoss)));
    }

    [Fact]
    public void Equal_steps_trains_every_cell_for_the_same_number_of_steps()
    {
        var setting = fixture.Setting(("equal-steps", 7));
        var results = ByCell(MixtureStudy.RunSeed(setting, Grid(setting), seed: 1));

        Assert.All(results.Values, r => Assert.True(r.Succeeded, r.Error));
        Assert.All(results.Where(r => r.Key != (0, 0)), r => Assert.Equal(7.0, Metric(r.Value, MetricNames.FineTuneSteps)));
        Assert.Equal(0.0, Metric(results[(0, 0)], MetricNames.FineTuneSteps)); // the base is not fine-tuned
        Assert.Contains(results.Values, r => r.Spec.Parameters.Contains(KeyValuePair.Create("equal-steps", "7")));
    }

    [Fact]
    public void The_generator_is_fit_by_epochs_even_under_a_step_budget()
    {
        // generator: 40 documents, 5 steps by epochs; a budget of 2 would change it, and with it the synthetic pool
        ulong seed = 4;
        var byEpochs = fixture.Setting();
        var budget = fixture.Setting(("equal-steps", 2));
        var epochCells = ByCell(MixtureStudy.RunSeed(byEpochs, MixtureStudy.Grid(byEpochs, [0, 8], [0, 16], generatorSamples: 40), seed));
        var budgetCells = ByCell(MixtureStudy.RunSeed(budget, MixtureStudy.Grid(budget, [0, 8], [0, 16], generatorSamples: 40), seed));

        // (0, 16) takes 2 steps either way: the same loss means the same synthetic documents
        Assert.Equal(2.0, Metric(epochCells[(0, 16)], MetricNames.FineTuneSteps));
        Assert.Equal(2.0, Metric(budgetCells[(0, 16)], MetricNames.FineTuneSteps));
        Assert.Equal(Metric(epochCells[(0, 16)], MetricNames.EvalLoss), Metric(budgetCells[(0, 16)], MetricNames.EvalLoss));
        // (8, 0) takes 1 step by epochs and 2 under the budget
        Assert.Equal(1.0, Metric(epochCells[(8, 0)], MetricNames.FineTuneSteps));
        Assert.Equal(2.0, Metric(budgetCells[(8, 0)], MetricNames.FineTuneSteps));
        Assert.NotEqual(Metric(epochCells[(8, 0)], MetricNames.EvalLoss), Metric(budgetCells[(8, 0)], MetricNames.EvalLoss));
    }

    [Fact]
    public void The_step_budget_cycles_reshuffled_passes_and_cuts_the_last_one_short()
    {
        var setting = fixture.Setting();
        var sequences = setting.Data.Pool.Items.Take(20).Select(d => ByteTokenizer.Instance.Encode(d.Text)).ToArray();
        long[] Weights(FineTuneOptions options, out int steps)
        {
            using var model = new Gpt(setting.Config);
            model.load_state_dict(setting.Base.state_dict());
            steps = FineTuner.Train(model, sequences, options, new Rng(9)).Length;
            return model.parameters().First().data<float>().ToArray().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray();
        }

        var byEpochs = new FineTuneOptions(Epochs: 2, BatchSize: 8);
        Weights(byEpochs, out int epochSteps);
        Assert.Equal(2 * 3, epochSteps); // 20 documents in batches of 8: 3 per pass
        Weights(byEpochs with { Steps = 1 }, out int one);
        Assert.Equal(1, one);
        Weights(byEpochs with { Steps = 11 }, out int eleven);
        Assert.Equal(11, eleven); // 3 + 3 + 3 + 2
        // a budget equal to the epochs' steps trains exactly as the epochs do (same batches, same order)
        Assert.Equal(Weights(byEpochs, out _), Weights(byEpochs with { Steps = 6 }, out _));
        Assert.Equal(byEpochs, (byEpochs with { Steps = 6 }).ByEpochs());
    }

    [Fact]
    public void Results_are_a_function_of_setting_grid_and_seed()
    {
        var setting = fixture.Setting(("equal-steps", 3));
        var grid = MixtureStudy.Grid(setting, [0, 8], [0, 16], generatorSamples: 16);
        static string Text(IEnumerable<RunResult> results) =>
            string.Join("\n", results.OrderBy(r => r.Spec.Id).Select(r => r.Spec.Id + ":" + string.Join(",", r.Metrics.Select(m => $"{m.Metric}={m.Value:R}"))));

        var once = MixtureStudy.RunSeed(setting, grid, 2);
        Assert.Equal(Text(once), Text(MixtureStudy.RunSeed(setting, grid, 2)));
        var other = MixtureStudy.RunSeed(setting, grid, 3).Select(r => r with { Spec = r.Spec with { Seed = 2 } });
        Assert.NotEqual(Text(once), Text(other));
        // one cell alone gives the numbers it gives within the whole seed
        var keep = once.Single(r => r.Spec.Workflow is MixtureCell { NumReal: 8, NumSynthetic: 16 });
        Assert.Equal(Text([keep]), Text(MixtureStudy.RunSeed(setting, grid, 2, once.Where(r => r != keep).Select(r => r.Spec.Id).ToHashSet())));
    }
}
