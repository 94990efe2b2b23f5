using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Reports;

public class TailDensityFigureTests
{
    private static readonly int[] Percents = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95];
    private const int Iterations = 3;

    /// <summary>
    /// Hand-made runs of a stand-in task (the figure is drawn for any task whose runs hold the quantiles): quantile p of
    /// generation t in seed s is −80 + t·p²/100 + s (+ 2 under Accumulate), so the densities differ by t and workflow.
    /// </summary>
    private static List<RunResult> Runs(IEnumerable<int> percents)
    {
        var task = new GaussianSetting();
        var results = new List<RunResult>();
        foreach (var workflow in new IWorkflow[] { new Replace(), new Accumulate() })
            for (int seed = 0; seed < 3; seed++)
            {
                var rows = Enumerable.Range(1, Iterations).SelectMany(t => percents.Select(p =>
                    new MetricRow(t, $"tail_loglik_p{p}", -80 + t * p * p / 100.0 + seed + (workflow is Accumulate ? 2 : 0)))).ToList();
                rows.AddRange(Enumerable.Range(1, Iterations).Select(t => new MetricRow(t, MetricNames.TestNll, 1.4)));
                results.Add(new RunResult(RunSpec.Create(task, workflow, 10, Iterations, (ulong)seed), rows, null, TimeSpan.Zero));
            }
        return results;
    }

    [Fact]
    public void Each_generation_is_a_step_of_the_densities_between_its_seed_averaged_quantiles()
    {
        var results = Runs(Percents);
        var figure = Assert.Single(Report.Build(results, TaskCatalog.BuiltIn).Figures, f => f.Name.EndsWith("tail_density", StringComparison.Ordinal));
        var spec = figure.Spec!;
        Assert.Equal(["Replace", "Accumulate"], spec.Panels.Select(p => p.Title));
        Assert.Equal(["t = 1", "t = 2", "t = 3"], spec.Legend.Select(e => e.Label));
        foreach (var (panel, workflow) in spec.Panels.Zip(new[] { "replace", "accumulate" }))
        {
            Assert.Equal(Iterations, panel.Lines.Count);
            for (int t = 1; t <= Iterations; t++)
            {
                // straight from the stored rows: the mean over seeds of each quantile, then Δp / Δq between neighbours
                double[] q = Percents.Select(p => results.Where(r => r.Spec.Workflow.Name == workflow)
                    .Select(r => r.Metrics.Single(m => m.Iteration == t && m.Metric == $"tail_loglik_p{p}").Value).Average()).ToArray();
                var line = panel.Lines[t - 1];
                Assert.Equal(2 * (Percents.Length - 1), line.Xs.Length);
                for (int i = 0; i + 1 < Percents.Length; i++)
                {
                    double density = (Percents[i + 1] - Percents[i]) / 100.0 / (q[i + 1] - q[i]);
                    Assert.Equal(q[i], line.Xs[2 * i], 9);
                    Assert.Equal(q[i + 1], line.Xs[2 * i + 1], 9);
                    Assert.Equal(density, line.Ys[2 * i], 9);
                    Assert.Equal(density, line.Ys[2 * i + 1], 9);
                }
            }
        }
        Assert.Contains("Δp / Δq", figure.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_full_quantile_grid_there_is_no_tail_density_figure()
    {
        // runs stored before the grid (p5, p50 and p95 only), and runs with no tail at all
        foreach (var results in new[] { Runs([5, 50, 95]), Runs([]) })
            Assert.DoesNotContain(Report.Build(results, TaskCatalog.BuiltIn).Figures, f => f.Name.EndsWith("tail_density", StringComparison.Ordinal));
    }
}
