using CollapseLab.Tasks;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CollapseLab.Loop;
using CollapseLab.Reports;
using SkiaSharp;

namespace CollapseLab.Tests.Reports;

public sealed class ReportTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private readonly Report _report = fixture.Report;

    [Fact]
    public void Report_has_a_figure_per_metric_and_the_density_picture()
    {
        string[] expected =
        [
            "gaussian-dim1-sigma21-estimatormle-test_nll",
            "gaussian-dim1-sigma21-estimatormle-mean_sq_error",
            "gaussian-dim1-sigma21-estimatormle-cov_trace_ratio",
            "gaussian-dim1-sigma21-estimatormle-cov_logdet_ratio",
            "gaussian-dim1-sigma21-estimatormle-cov_det_ratio",
            "gaussian-fitted-densities",
        ];
        Assert.Equal(expected, _report.Figures.Select(f => f.Name));
        Assert.All(_report.Figures, f => Assert.Equal("gaussian", f.Task));
    }

    [Fact]
    public void Groups_split_by_everything_but_the_seed_in_the_reference_panel_order()
    {
        Assert.Equal(6, _report.Groups.Count);
        Assert.Equal(["replace", "replace", "accumulate-subsample", "accumulate-subsample", "accumulate", "accumulate"], _report.Groups.Select(g => g.Workflow));
        Assert.Equal(ReportFixture.Seeds + 1, _report.Groups[0].Runs.Count); // replace, n = 10 holds the failed run too
        Assert.Equal(1, _report.FailedCount);
        Assert.All(_report.Groups.Skip(1), g => Assert.Equal(ReportFixture.Seeds, g.Runs.Count));
    }

    [Fact]
    public void Every_png_decodes_with_the_reported_size()
    {
        foreach (var figure in _report.Figures)
        {
            using var bitmap = SKBitmap.Decode(figure.Png);
            Assert.NotNull(bitmap);
            Assert.Equal((figure.Width, figure.Height), (bitmap.Width, bitmap.Height));
        }
        // three workflow panels and a legend side by side; the density picture has two panels
        var metric = _report.Figures[0];
        Assert.InRange(metric.Width, 1400, 1700);
        Assert.InRange(metric.Height, 450, 520);
        Assert.InRange(_report.Figures[^1].Width, 950, 1200);
    }

    [Fact]
    public void Every_svg_parses_and_has_the_figure_size_and_text()
    {
        foreach (var figure in _report.Figures)
        {
            var svg = XDocument.Parse(figure.Svg).Root!;
            Assert.Equal("svg", svg.Name.LocalName);
            Assert.Equal(figure.Width.ToString(), svg.Attribute("width")!.Value);
            Assert.Equal(figure.Height.ToString(), svg.Attribute("height")!.Value);
            var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").ToArray();
            Assert.Contains(texts, t => t.Value.Contains("model-fitting iteration t") || t.Value.Contains("x (data units)"));
            Assert.All(texts, t => Assert.Contains("DejaVu Sans", (string?)t.Attribute("font-family") ?? ""));
        }
    }

    [Fact]
    public void Html_is_self_contained()
    {
        string html = HtmlReport.Render(_report);
        var sources = Regex.Matches(html, @"\bsrc\s*=\s*""([^""]*)""").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(_report.Figures.Count, sources.Length);
        Assert.All(sources, s => Assert.StartsWith("data:image/png;base64,", s));
        Assert.All(Regex.Matches(html, @"\bhref\s*=\s*""([^""]*)""").Select(m => m.Groups[1].Value), h => Assert.StartsWith("#", h));
        // scripts are inline only, and nothing reaches the network
        Assert.DoesNotMatch(@"(?i)<script[^>]*\bsrc|<link|<iframe|<object|<embed|@import|url\(|srcset|\bfetch\(|XMLHttpRequest|WebSocket|import\(", html);
        foreach (var figure in _report.Figures)
            Assert.Contains(Convert.ToBase64String(figure.Png), html);
    }

    [Fact]
    public void Html_opens_on_the_verdict_matrix_then_the_summary_and_loss_figure_with_details_folded()
    {
        string html = HtmlReport.Render(_report);
        string body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
        // the first table, figure and prose after the title: the matrix, then the setting's paragraph, then its loss figure
        int matrix = body.IndexOf("<table class=\"matrix\">", StringComparison.Ordinal);
        Assert.Equal(matrix, body.IndexOf("<table", StringComparison.Ordinal));
        Assert.True(matrix < body.IndexOf("<p", StringComparison.Ordinal));
        int summary = body.IndexOf("<p class=\"summary\">", StringComparison.Ordinal);
        int firstFigure = body.IndexOf("<figure", StringComparison.Ordinal);
        Assert.True(matrix < summary && summary < firstFigure);
        Assert.Equal($"<figure id=\"{_report.Settings[0].Figures[0].Figure.Name}\">", body[firstFigure..(body.IndexOf('>', firstFigure) + 1)]);
        Assert.EndsWith("test_nll", _report.Settings[0].Figures[0].Figure.Name);
        // the matrix: a row per n, a column per workflow in the reference order, a badge per group
        var table = body[matrix..body.IndexOf("</table>", matrix, StringComparison.Ordinal)];
        Assert.Equal(["replace", "accumulate-subsample", "accumulate"], Regex.Matches(table, "<th>([a-z-]+)</th>").Select(m => m.Groups[1].Value));
        Assert.Equal(["n = 10", "n = 20"], Regex.Matches(table, "<th>(n = [0-9]+)</th>").Select(m => m.Groups[1].Value));
        Assert.Equal(_report.Groups.Count, Regex.Matches(table, "<td class=\"badge ").Count);
        // the verdict table and every other figure come later, folded
        int verdicts = body.IndexOf("<details id=\"verdicts\">", StringComparison.Ordinal);
        Assert.True(firstFigure < verdicts && verdicts < body.IndexOf("<td class=\"verdict ", StringComparison.Ordinal));
        int details = body.IndexOf("<details id=\"task-gaussian\">", StringComparison.Ordinal);
        Assert.All(_report.Figures.Skip(1), f => Assert.True(body.IndexOf($"<figure id=\"{f.Name}\">", StringComparison.Ordinal) > details));
    }

    [Fact]
    public void The_summary_paragraph_says_what_each_workflow_did_in_plain_words()
    {
        // constructed test NLL: Replace rises linearly, Accumulate is flat, Accumulate-Subsample rises for n = 10 only;
        // for n = 10 under Replace the trace ratio reaches 0 in every seed
        var task = new CollapseLab.Tasks.Gaussian.GaussianSetting();
        var results = new List<RunResult>();
        foreach (var (workflow, n) in new (CollapseLab.Workflows.IWorkflow, int)[]
            { (new CollapseLab.Workflows.Replace(), 10), (new CollapseLab.Workflows.Replace(), 20), (new CollapseLab.Workflows.Accumulate(), 10),
              (new CollapseLab.Workflows.Accumulate(), 20), (new CollapseLab.Workflows.AccumulateSubsample(), 10), (new CollapseLab.Workflows.AccumulateSubsample(), 20) })
            for (int seed = 0; seed < 8; seed++)
            {
                var rows = Enumerable.Range(1, 20).SelectMany(t => new[]
                {
                    new MetricRow(t, MetricNames.TestNll, 1.4 + (workflow.Name == "replace" || (workflow.Name == "accumulate-subsample" && n == 10) ? 0.1 * t : 0) + 0.001 * seed),
                    new MetricRow(t, MetricNames.CovTraceRatio, workflow.Name == "replace" && n == 10 && t >= 5 + seed ? 0 : 1),
                }).ToArray();
                results.Add(new RunResult(RunSpec.Create(task, workflow, n, 20, (ulong)seed), rows, null, TimeSpan.Zero));
            }
        var setting = Report.Build(results, TaskCatalog.BuiltIn).Settings.Single();
        Assert.Equal("Replace collapses to a degenerate state for n = 10 (median iteration 8.5) and diverges for n = 20; " +
                     "Accumulate-subsample diverges for n = 10 and stays within 5% of its first iteration for n = 20; " +
                     "Accumulate stays within 5% of its first iteration for every n.", SettingSummary.Paragraph(setting));
    }

    [Fact]
    public void Html_shows_verdicts_rule_seed_counts_and_the_failed_run()
    {
        string html = HtmlReport.Render(_report);
        Assert.Contains("Collapse verdicts", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(VerdictRule.Description), html);
        Assert.Equal(_report.Verdicts.Count, Regex.Matches(html, "<td class=\"verdict ").Count);
        Assert.Contains("simulated failure", html);
        Assert.Contains("1 run(s) failed", html);
        // each group's row names the command that reruns its seeds
        Assert.All(_report.Groups, g => Assert.Contains(System.Net.WebUtility.HtmlEncode(HtmlReport.RerunCommand(g)), html));
        Assert.EndsWith("--samples 10 --iterations 8 --seeds 0-7,99", HtmlReport.RerunCommand(_report.Groups[0]));
        Assert.Contains($"mean over {ReportFixture.Seeds}–{ReportFixture.Seeds + 1} seeds", _report.Figures[0].Svg);
    }

    [Fact]
    public void Writer_puts_every_figure_as_png_and_svg_beside_the_page_and_csvs()
    {
        var directory = Directory.CreateTempSubdirectory("collapselab-report-");
        try
        {
            var stale = Path.Combine(directory.FullName, ReportWriter.FigureFolder, "old-figure.png");
            Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
            File.WriteAllText(stale, "from an earlier report");

            string index = ReportWriter.Write(_report, directory.FullName);

            Assert.Equal(Path.Combine(directory.FullName, "index.html"), index);
            var files = Directory.GetFiles(Path.Combine(directory.FullName, ReportWriter.FigureFolder)).Select(Path.GetFileName).Order().ToArray();
            Assert.Equal(_report.Figures.SelectMany(f => new[] { f.Name + ".png", f.Name + ".svg" }).Order().ToArray(), files);
            foreach (var figure in _report.Figures)
                Assert.Equal(figure.Png, File.ReadAllBytes(Path.Combine(directory.FullName, ReportWriter.FigureFolder, figure.Name + ".png")));
            Assert.StartsWith("task,workflow,dim,sigma2,estimator,samples,iterations,iteration,metric,seeds,", File.ReadLines(Path.Combine(directory.FullName, "aggregates.csv")).First());
            Assert.Equal(_report.Verdicts.Count + 1, File.ReadAllLines(Path.Combine(directory.FullName, "verdicts.csv")).Length);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Metric_figures_draw_the_exact_expectations_where_known()
    {
        Assert.Contains("exact expectation", _report.Figures.Single(f => f.Name.EndsWith("-mean_sq_error")).Svg);
        Assert.Contains("exact expectation", _report.Figures.Single(f => f.Name.EndsWith("-cov_trace_ratio")).Svg);
        Assert.DoesNotContain("exact expectation", _report.Figures.Single(f => f.Name.EndsWith("-test_nll")).Svg);
    }

    [Fact]
    public void A_metric_recorded_at_one_iteration_is_noted_not_plotted()
    {
        var run = fixture.Results[0];
        var single = run with { Metrics = [new MetricRow(1, MetricNames.FixationIteration, 5)] };
        var report = Report.Build([single], TaskCatalog.BuiltIn);
        Assert.DoesNotContain(report.Figures, f => f.Name.Contains(MetricNames.FixationIteration));
        Assert.Contains(report.Notes, n => n.Contains(MetricNames.FixationIteration));
    }

    [Fact]
    public void A_run_that_stopped_early_keeps_its_last_value_but_a_failed_one_does_not()
    {
        var full = fixture.Results[0];
        var stopped = full with { Spec = full.Spec with { Seed = 200 }, Metrics = full.Metrics.Where(m => m.Iteration <= 3).Append(new MetricRow(3, MetricNames.FixationIteration, 3)).ToArray() };
        var failed = stopped with { Spec = full.Spec with { Seed = 201 }, Error = "boom" };
        var group = RunGroup.From([full, stopped, failed], TaskCatalog.BuiltIn).Single();

        var carried = group.Trajectory(stopped, MetricNames.TestNll);
        Assert.Equal(Enumerable.Range(1, ReportFixture.Iterations), carried.Keys);
        Assert.Equal(carried[3], carried[ReportFixture.Iterations]);
        Assert.Equal([3], group.Trajectory(stopped, MetricNames.FixationIteration).Keys);
        Assert.Equal(3, group.Trajectory(failed, MetricNames.TestNll).Count);
        Assert.Equal(1, group.StoppedEarlyCount);
        Assert.Equal(2, MetricSeries.Of(group, MetricNames.TestNll).Points[^1].Summary.Count);
    }

    /// <summary>d = 1 Gaussian runs as a store hands them over, with made-up values no simulation would give.</summary>
    private static RunResult StoredOneDimensional(CollapseLab.Workflows.IWorkflow workflow, ulong seed, double mean, bool withFittedMean = true) =>
        new(RunSpec.Create(new CollapseLab.Tasks.Gaussian.GaussianSetting(new() { Dim = 1 }), workflow, 10, 4, seed),
            Enumerable.Range(1, 4).SelectMany(t => new[] { new MetricRow(t, MetricNames.CovTraceRatio, 0.5) }
                .Concat(withFittedMean ? [new MetricRow(t, MetricNames.FittedMean, mean)] : [])).ToArray(), null, TimeSpan.Zero);

    [Fact]
    public void The_density_picture_is_drawn_from_the_stored_runs_not_simulated()
    {
        var report = Report.Build(
        [
            StoredOneDimensional(new CollapseLab.Workflows.Replace(), 7, 0.125), StoredOneDimensional(new CollapseLab.Workflows.Accumulate(), 7, -0.25),
            StoredOneDimensional(new CollapseLab.Workflows.Replace(), 9, 3), StoredOneDimensional(new CollapseLab.Workflows.Accumulate(), 9, 3),
        ], TaskCatalog.BuiltIn);
        var density = report.Figures.Single(f => f.Name == "gaussian-fitted-densities");
        Assert.Contains("seed 7", density.Caption); // the lowest seed both workflows hold
        Assert.Contains("Replace: μ_4 = 0.125, σ²_4 = 0.5", density.Caption);
        Assert.Contains("Accumulate: μ_4 = -0.25, σ²_4 = 0.5", density.Caption);
    }

    [Fact]
    public void Runs_stored_before_fitted_mean_get_a_note_instead_of_the_density_picture()
    {
        var report = Report.Build([StoredOneDimensional(new CollapseLab.Workflows.Replace(), 0, 0, withFittedMean: false), StoredOneDimensional(new CollapseLab.Workflows.Accumulate(), 0, 0, withFittedMean: false)],
            TaskCatalog.BuiltIn);
        Assert.DoesNotContain(report.Figures, f => f.Name.StartsWith("gaussian-fitted-densities", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains(MetricNames.FittedMean, StringComparison.Ordinal));
    }

    [Fact]
    public void A_tasks_own_figures_come_from_its_entry_in_TaskFigures()
    {
        var runs = new[] { StoredOneDimensional(new CollapseLab.Workflows.Replace(), 0, 1), StoredOneDimensional(new CollapseLab.Workflows.Accumulate(), 0, 1) };
        var seen = new List<int>();
        var figures = new TaskFigures([]).With("gaussian", input => { seen.Add(input.Groups.Count); input.Note("drawn by the test"); return []; });
        var report = Report.Build(runs, TaskCatalog.BuiltIn, figures);
        Assert.Equal([2], seen); // called once, with the task's groups
        Assert.Contains("drawn by the test", report.Notes);
        Assert.DoesNotContain(report.Figures, f => f.Name.StartsWith("gaussian-fitted-densities", StringComparison.Ordinal)); // not registered here
    }
}
