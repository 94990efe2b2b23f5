using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Reports.Figures;
using CollapseLab.Running;
using CollapseLab.Store;
using CollapseLab.Sweeps;
using CollapseLab.Tasks;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Reports;

/// <summary>Small stores of the reference study's shapes, each run once and read back from DuckDB, as the report reads them.</summary>
public sealed class ReferenceStores
{
    public IReadOnlyList<RunResult> Kde { get; } = Stored("""
        task: kde
        parameters:
          workflow: {values: [replace, accumulate]}
          dataset: {value: moons}
          bandwidth: {values: [0.1, 1.0, scott, silverman]}
          samples: {values: [10, 20]}
          iterations: {value: 100}
          seeds: {value: "0-2"}
        """);

    /// <summary>No iterations: every run goes to fixation, as the reference's discrete loop.</summary>
    public IReadOnlyList<RunResult> Discrete { get; } = Stored("""
        task: discrete
        parameters:
          workflow: {value: replace}
          outcomes: {values: [2, 5]}
          samples: {values: [5, 10, 20]}
          seeds: {value: "0-3"}
        """);

    public IReadOnlyList<RunResult> LinReg { get; } = Stored("""
        task: linreg
        parameters:
          workflow: {values: [replace, accumulate]}
          dim: {value: 3}
          samples: {values: [3, 10, 20]}
          iterations: {value: 6}
          seeds: {value: "0-2"}
          truth:
            parameters:
              sigma2: {values: [0.1, 1.0]}
        """);

    private static IReadOnlyList<RunResult> Stored(string sweep)
    {
        using var directory = new TempDirectory();
        var results = Runner.Run(SweepFile.Parse(sweep, "reference.yaml", TaskCatalog.BuiltIn).Expand(), threads: 2);
        using (var store = ResultStore.Open(directory.File("s.duckdb")))
            store.Write(results, threads: 2);
        using var read = ResultStore.OpenReadOnly(directory.File("s.duckdb"));
        return read.ReadResults(TaskCatalog.BuiltIn);
    }
}

public sealed class ReferenceFigureTests(ReferenceStores stores) : IClassFixture<ReferenceStores>
{
    private static readonly Func<string, string> Name = stem => stem;

    private static IReadOnlyList<RunGroup> Groups(IEnumerable<RunResult> results, Func<RunResult, bool>? keep = null) =>
        RunGroup.From(results.Where(keep ?? (_ => true)), TaskCatalog.BuiltIn);

    private static string Parameter(RunResult run, string name) => run.Spec.Parameters.First(p => p.Key == name).Value;

    /// <summary>The mean over the stored runs selected of <paramref name="metric"/> at iteration <paramref name="t"/>, straight from their rows.</summary>
    private static double StoredMean(IEnumerable<RunResult> runs, string metric, int t) =>
        runs.Select(r => r.Metrics.Single(m => m.Metric == metric && m.Iteration == t).Value).Average();

    [Fact]
    public void Kde_bandwidth_figure_plots_the_stored_mean_nll_against_bandwidth_per_iteration()
    {
        var figure = Assert.Single(KdeBandwidthFigure.Build(Groups(stores.Kde), Name));
        var spec = figure.Spec!;
        Assert.Equal(XAxisScale.Log, spec.XScale);
        Assert.Equal(["t = 1", "t = 100"], spec.Legend.Select(e => e.Label));
        Assert.Equal(2, spec.Columns); // Replace | Accumulate, one row per n
        Assert.Equal(["Replace, n = 10", "Accumulate, n = 10", "Replace, n = 20", "Accumulate, n = 20"], spec.Panels.Select(p => p.Title));

        var line = spec.Panels[3].Lines[1]; // Accumulate, n = 20, t = 100
        Assert.Equal([0.1, 1.0], line.Xs);
        for (int i = 0; i < line.Xs.Length; i++)
        {
            string bandwidth = line.Xs[i] == 0.1 ? "0.1" : "1";
            var runs = stores.Kde.Where(r => r.Spec.Workflow.Name == "accumulate" && r.Spec.Samples == 20 && Parameter(r, "bandwidth") == bandwidth).ToArray();
            Assert.Equal(3, runs.Length);
            Assert.Equal(StoredMean(runs, MetricNames.TestNll, 100), line.Ys[i], 12);
        }
    }

    [Fact]
    public void Kde_bandwidth_figure_needs_two_fixed_bandwidths()
    {
        Assert.Empty(KdeBandwidthFigure.Build(Groups(stores.Kde, r => Parameter(r, "bandwidth") is "0.1" or "scott" or "silverman"), Name));
        Assert.Empty(KdeBandwidthFigure.Build(Groups(stores.Discrete), Name));
    }

    [Fact]
    public void Estimated_bandwidth_figure_draws_scott_and_silverman_over_iterations_from_the_store()
    {
        var figure = Assert.Single(KdeEstimatedBandwidthFigure.Build(Groups(stores.Kde), Name));
        var spec = figure.Spec!;
        Assert.Equal(["Scott", "Silverman"], spec.Legend.Select(e => e.Label));
        var silverman = spec.Panels[2].Lines[1]; // Replace, n = 20
        Assert.Equal("Replace, n = 20", spec.Panels[2].Title);
        Assert.Equal(Enumerable.Range(1, 100).Select(t => (double)t), silverman.Xs);
        var runs = stores.Kde.Where(r => r.Spec.Workflow.Name == "replace" && r.Spec.Samples == 20 && Parameter(r, "bandwidth") == "silverman").ToArray();
        Assert.Equal(3, runs.Length);
        foreach (int t in new[] { 1, 50, 100 })
            Assert.Equal(StoredMean(runs, MetricNames.TestNll, t), silverman.Ys[t - 1], 12);
    }

    [Fact]
    public void Estimated_bandwidth_figure_needs_both_rules()
    {
        Assert.Empty(KdeEstimatedBandwidthFigure.Build(Groups(stores.Kde, r => Parameter(r, "bandwidth") != "silverman"), Name));
    }

    [Fact]
    public void Fixation_figure_plots_the_stored_mean_fixation_iteration_against_n_per_K_on_log_log_axes()
    {
        var figure = Assert.Single(DiscreteFixationFigure.Build(Groups(stores.Discrete), Name));
        var spec = figure.Spec!;
        Assert.True(spec.LogY);
        Assert.Equal(XAxisScale.Log, spec.XScale);
        var panel = Assert.Single(spec.Panels);
        var k5 = panel.Lines[1];
        Assert.Equal([5.0, 10, 20], k5.Xs);
        for (int i = 0; i < k5.Xs.Length; i++)
        {
            var runs = stores.Discrete.Where(r => Parameter(r, "outcomes") == "5" && r.Spec.Samples == (int)k5.Xs[i]).ToArray();
            Assert.Equal(4, runs.Length);
            Assert.Equal(runs.Select(r => r.Metrics.Single(m => m.Metric == MetricNames.FixationIteration).Value).Average(), k5.Ys[i], 12);
        }
        // dashed: 2n(K−1)·ln(K/(K−1)) at K = 5, n = 10
        Assert.Equal(2 * 10 * 4 * Math.Log(5.0 / 4), panel.Lines[3].Ys[1], 9);
    }

    [Fact]
    public void Fixation_figure_needs_runs_to_fixation_and_two_sample_sizes()
    {
        Assert.Empty(DiscreteFixationFigure.Build(Groups(stores.Discrete, r => r.Spec.Samples == 10), Name));
        var capped = Runner.Run(SweepFile.Parse("""
            task: discrete
            parameters:
              workflow: {value: replace}
              samples: {values: [5, 10]}
              iterations: {value: 200}
              seeds: {value: "0-1"}
            """, "capped.yaml", TaskCatalog.BuiltIn).Expand());
        Assert.Empty(DiscreteFixationFigure.Build(Groups(capped), Name));
        Assert.Empty(DiscreteEntropyFigure.Build(Groups(capped), Name));
    }

    [Fact]
    public void Entropy_figure_is_the_stored_entropy_over_ln_K_carried_past_fixation_on_a_symlog_axis()
    {
        var figure = Assert.Single(DiscreteEntropyFigure.Build(Groups(stores.Discrete), Name));
        var spec = figure.Spec!;
        Assert.Equal(XAxisScale.SymLog, spec.XScale);
        Assert.Equal(["K = 2 outcomes", "K = 5 outcomes"], spec.Panels.Select(p => p.Title));
        var line = spec.Panels[1].Lines[1]; // K = 5, n = 10
        Assert.Equal(1.0, line.Ys[0]); // t = 0: the initial distribution
        var runs = stores.Discrete.Where(r => Parameter(r, "outcomes") == "5" && r.Spec.Samples == 10).ToArray();
        int groupLast = runs.Max(r => r.Metrics.Max(m => m.Iteration));
        for (int i = 1; i < line.Xs.Length; i++)
        {
            int t = (int)line.Xs[i];
            if (t > groupLast)
            {
                Assert.True(double.IsNaN(line.Ys[i])); // the line ends where the group's last run ended
                continue;
            }
            // a run that fixed before t counts with its last entropy (0), as the reference replicates final rows
            double expected = runs.Select(r => r.Metrics.Where(m => m.Metric == MetricNames.Entropy && m.Iteration <= t).MaxBy(m => m.Iteration)!.Value / Math.Log(5)).Average();
            Assert.Equal(expected, line.Ys[i], 12);
        }
        Assert.Equal(0.0, line.Ys[Array.IndexOf(line.Xs, (double)groupLast)]); // every run has fixed by the group's last iteration
    }

    [Fact]
    public void LinReg_figure_facets_the_stored_test_mse_by_noise_level_for_n_above_d()
    {
        var figure = Assert.Single(LinRegNoiseFigure.Build(Groups(stores.LinReg), Name));
        var spec = figure.Spec!;
        Assert.Equal(["Replace, σ² = 0.1", "Accumulate, σ² = 0.1", "Replace, σ² = 1", "Accumulate, σ² = 1"], spec.Panels.Select(p => p.Title));
        Assert.Equal(["n = 10", "n = 20"], spec.Legend.Select(e => e.Label)); // n = 3 = d is left out, as in the reference
        var line = spec.Panels[3].Lines[0]; // Accumulate, σ² = 1, n = 10
        var runs = stores.LinReg.Where(r => r.Spec.Workflow.Name == "accumulate" && r.Spec.Samples == 10 && Parameter(r, "sigma2") == "1").ToArray();
        Assert.Equal(3, runs.Length);
        for (int t = 1; t <= 6; t++)
            Assert.Equal(StoredMean(runs, MetricNames.TestMse, t), line.Ys[t - 1], 12);
    }

    [Fact]
    public void LinReg_figure_needs_two_noise_levels()
    {
        Assert.Empty(LinRegNoiseFigure.Build(Groups(stores.LinReg, r => Parameter(r, "sigma2") == "1"), Name));
    }

    [Fact]
    public void The_report_draws_the_reference_figures_only_where_their_data_are()
    {
        var report = Report.Build([.. stores.Discrete, .. stores.LinReg], TaskCatalog.BuiltIn);
        var names = report.Figures.Select(f => f.Name).ToArray();
        Assert.Contains("discrete-t10000000-fixation_iteration-vs-n", names);
        Assert.Contains("discrete-replace-t10000000-entropy_fraction", names);
        Assert.Contains(names, n => n.EndsWith("test_mse-by-sigma2", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("bandwidth", StringComparison.Ordinal));
        // the page draws them interactively too, with their x scale
        string html = HtmlReport.Render(report);
        Assert.Contains("\"xScale\":\"symlog\"", html);
        Assert.Contains("\"xScale\":\"log\"", html);
    }

    [Fact]
    public void Symlog_axis_is_linear_to_one_then_logarithmic_with_ticks_at_zero_and_powers_of_ten()
    {
        var spec = new FigureSpec("", "", "", "", false, true, [], "", [], XScale: XAxisScale.SymLog);
        Assert.Equal([0, 0.5, 1, 2, 3, 4], new[] { 0, 0.5, 1, 10, 100, 1000 }.Select(spec.XPosition));
        var majors = AxisTicks.SymLog(0, 4).Where(t => t.IsMajor).ToArray();
        Assert.Equal(["0", "1", "10", "100", "1000"], majors.Select(t => t.Label));
        Assert.Equal([0.0, 1, 2, 3, 4], majors.Select(t => t.Position));
    }
}
