using CollapseLab.Tasks;
using CollapseLab.Loop;
using CollapseLab.Mixtures;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Tasks.Gaussian;

namespace CollapseLab.Tests.Mixtures;

public sealed class MixtureStudyTests
{
    [Fact]
    public void Each_cell_trains_on_a_random_real_subset_of_the_asked_size_plus_the_first_synthetic_samples()
    {
        var setting = new RecordingSetting();
        var grid = new MixtureGrid([0, 3, 10, 40], [0, 5, 20], generatorSamples: 7);
        var results = MixtureStudy.RunSeed(setting, grid, seed: 11);

        Assert.Equal(11, results.Count); // 4 × 3 cells but (0, 0)
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        var generatorFit = Assert.Single(setting.Fits, f => f.Training.Any(v => v < 0));
        Assert.Equal(Enumerable.Repeat(-1.0, 7), generatorFit.Training); // the generator saw only its own fresh sample
        var cellFits = setting.Fits.Where(f => f.Training.All(v => v >= 0)).Select(f => f.Training).ToArray();
        Assert.Equal(results.Count, cellFits.Length);
        for (int i = 0; i < results.Count; i++)
        {
            var cell = (MixtureCell)results[i].Spec.Workflow;
            var real = cellFits[i].Where(v => v < RecordingSetting.SyntheticBase).ToArray();
            var synthetic = cellFits[i].Where(v => v >= RecordingSetting.SyntheticBase).ToArray();
            Assert.Equal(cell.NumReal, real.Length);
            Assert.Equal(cell.NumReal, real.Distinct().Count());
            Assert.All(real, v => Assert.InRange(v, 0, grid.RealPool - 1));
            Assert.Equal(Enumerable.Range(0, cell.NumSynthetic).Select(j => RecordingSetting.SyntheticBase + j), synthetic);
            Assert.Equal(cell.NumReal + cell.NumSynthetic, results[i].Metrics.Single(m => m.Metric == MetricNames.TestNll).Value);
        }
        // a subset is not a prefix: 3 of 40 drawn as 0, 1, 2 would be a 1-in-9880 event
        Assert.Contains(cellFits, f => f.Length == 3 && !f.Order().SequenceEqual([0.0, 1, 2]));
    }

    [Fact]
    public void Real_subsets_are_uniform_over_the_pool()
    {
        // 400 draws of 10 of 40 rows: each row is chosen Binomial(400, 1/4) times (mean 100, sd ≈ 8.7)
        const int pool = 40, take = 10, draws = 400;
        var cell = new MixtureCell(take, 0, 1, pool, 0);
        var counts = new int[pool];
        for (int d = 0; d < draws; d++)
            foreach (var part in cell.Select([new PoolEntry(Origin.Real, 0, pool)], 1, take, Rng.For((ulong)d, RngStream.Select, 5)).Parts)
                foreach (int row in part.Rows!) counts[row]++;
        double expected = draws * (double)take / pool, sd = Math.Sqrt(draws * (take / (double)pool) * (1 - take / (double)pool));
        Assert.All(counts, c => Assert.InRange(c, expected - 4.5 * sd, expected + 4.5 * sd));
        Assert.Equal(draws * take, counts.Sum());
    }

    [Fact]
    public void Synthetic_only_cells_train_on_synthetic_data_and_score_on_real_test_data()
    {
        var results = MixtureStudy.RunSeed(new GaussianSetting(new() { Dim = 2 }), new MixtureGrid([0, 20], [0, 50, 400]), seed: 3);
        var syntheticOnly = results.Where(r => ((MixtureCell)r.Spec.Workflow).NumReal == 0).ToArray();
        Assert.Equal(2, syntheticOnly.Length);
        foreach (var r in syntheticOnly)
        {
            Assert.True(r.Succeeded, r.Error);
            Assert.True(double.IsFinite(r.Metrics.Single(m => m.Metric == MetricNames.TestNll).Value));
        }

        var recording = new RecordingSetting();
        MixtureStudy.RunSeed(recording, new MixtureGrid([0], [4]), seed: 1);
        Assert.Contains(recording.Fits, f => f.Training.SequenceEqual(Enumerable.Range(0, 4).Select(j => RecordingSetting.SyntheticBase + j)));
    }

    [Fact]
    public void Cells_too_small_to_fit_are_failed_with_the_reason_not_crashes()
    {
        var results = MixtureStudy.RunSeed(new GaussianSetting(), new MixtureGrid([0, 1, 5], [0, 1]), seed: 0);
        var tooSmall = results.Where(r => r.Spec.Samples < 2).ToArray();
        Assert.Equal(2, tooSmall.Length); // (0, 1) and (1, 0)
        Assert.All(tooSmall, r => Assert.Contains("needs at least 2", r.Error));
        Assert.All(results.Except(tooSmall), r => Assert.True(r.Succeeded, r.Error));
    }

    [Fact]
    public void Results_are_a_function_of_setting_grid_and_seed_only()
    {
        var setting = new GaussianSetting(new() { Dim = 3 });
        var grid = new MixtureGrid([5, 20, 60], [0, 30, 90]);
        static string Text(IEnumerable<RunResult> results) =>
            string.Join("\n", results.OrderBy(r => r.Spec.Id).Select(r => r.Spec.Id + ":" + string.Join(",", r.Metrics.Select(m => $"{m.Metric}={m.Value:R}"))));

        var once = MixtureStudy.RunSeed(setting, grid, 4);
        Assert.Equal(Text(once), Text(MixtureStudy.RunSeed(setting, grid, 4)));
        Assert.NotEqual(Text(once.Select(r => r)), Text(MixtureStudy.RunSeed(setting, grid, 5).Select(r => r with { Spec = r.Spec with { Seed = 4 } })));

        // one cell alone (the others already "completed") gives the same numbers as within the whole seed
        var keep = once[4];
        var others = once.Where(r => r != keep).Select(r => r.Spec.Id).ToHashSet();
        Assert.Equal(Text([keep]), Text(MixtureStudy.RunSeed(setting, grid, 4, others)));

        // thread count does not matter
        var seeds = new ulong[] { 0, 1, 2, 3, 4, 5 };
        string Threads(int threads)
        {
            var all = new List<RunResult>();
            MixtureStudy.Run(setting, grid, seeds, threads, all.AddRange);
            return Text(all);
        }
        Assert.Equal(Threads(1), Threads(2));
    }

    [Fact]
    public void Cells_near_the_int_limit_are_kept_and_a_seed_too_large_for_memory_is_refused_before_running()
    {
        // num_real + num_synthetic overflowed int in the grid filter: the cell (10, int.MaxValue) was dropped ("0 cells")
        var grid = new MixtureGrid([10], [int.MaxValue]);
        Assert.Equal([(10, int.MaxValue)], grid.Cells.Select(c => (c.NumReal, c.NumSynthetic)));
        var e = Assert.Throws<InvalidParameterException>(() => MixtureStudy.CheckMemory(new GaussianSetting(new() { Dim = 1 }), grid, long.MaxValue));
        Assert.Equal("synthetic", e.Parameter);
        Assert.Contains("2,147,483,657 samples of 1 number into one array", e.Message);

        var memory = Assert.Throws<InvalidParameterException>(() =>
            MixtureStudy.CheckMemory(new GaussianSetting(new() { Dim = 4 }), new MixtureGrid([1000], [1_000_000]), availableBytes: 10_000_000));
        Assert.Contains("2,003,000 samples of 4 numbers, about 0.1 GB of memory; this machine has 0.0 GB, enough for at most 312,500 samples", memory.Message);
        MixtureStudy.CheckMemory(new GaussianSetting(new() { Dim = 4 }), new MixtureGrid([1000], [100_000]), availableBytes: 10_000_000);
    }

    [Fact]
    public void Tasks_that_cannot_score_an_unfitted_model_skip_the_empty_cell()
    {
        var setting = new GaussianSetting();
        Assert.False(setting.Abilities.HasFlag(TaskAbilities.UnfittedModel));
        var grid = MixtureStudy.Grid(setting, [0, 5], [0, 5]);
        Assert.DoesNotContain(grid.Cells, c => c.NumReal + c.NumSynthetic == 0);
        Assert.Equal(3, MixtureStudy.RunSeed(setting, grid, seed: 0).Count);
        Assert.Throws<InvalidParameterException>(() => MixtureStudy.Grid(setting, [0], [0]));
        Assert.Contains(new MixtureGrid([0, 5], [0, 5], scoresUnfitted: true).Cells, c => c.NumReal + c.NumSynthetic == 0);
    }

    [Theory]
    [InlineData("gaussian")]
    [InlineData("kde")]
    [InlineData("discrete")]
    [InlineData("linreg")]
    public void Every_task_setting_runs_a_small_grid_without_mixture_specific_code(string task)
    {
        var setting = CollapseLab.Tasks.TaskCatalog.BuiltIn.Create(task);
        MixtureStudy.Validate(setting);
        var results = MixtureStudy.RunSeed(setting, new MixtureGrid([5, 20], [0, 30]), seed: 2);
        Assert.Equal(4, results.Count);
        foreach (var r in results)
        {
            Assert.True(r.Succeeded, r.Error);
            string loss = CollapseLab.Reports.MetricInfo.LossOf(r.Metrics.Select(m => m.Metric).Distinct().ToArray())!;
            Assert.True(double.IsFinite(r.Metrics.Single(m => m.Metric == loss).Value), $"{task} {loss}");
        }
    }

    [Theory]
    [InlineData(new int[0], new[] { 1 }, null, "real")]
    [InlineData(new[] { -1, 5 }, new[] { 1 }, null, "real")]
    [InlineData(new[] { 5 }, new[] { -3 }, null, "synthetic")]
    [InlineData(new[] { 0 }, new[] { 0 }, null, "real")]
    [InlineData(new[] { 5 }, new[] { 0 }, 0, "generator-samples")]
    public void Bad_grids_are_rejected_naming_the_parameter(int[] real, int[] synthetic, int? generator, string parameter)
    {
        var e = Assert.Throws<InvalidParameterException>(() => new MixtureGrid(real, synthetic, generator));
        Assert.Equal(parameter, e.Parameter);
    }
}
