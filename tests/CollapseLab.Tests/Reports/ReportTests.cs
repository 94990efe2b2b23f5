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
        Assert.DoesNotMatch(@"(?i)<script|<link|<iframe|<object|<embed|@import|url\(|srcset|https?:", html);
        foreach (var figure in _report.Figures)
            Assert.Contains(Convert.ToBase64String(figure.Png), html);
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
        var report = Report.Build([single]);
        Assert.DoesNotContain(report.Figures, f => f.Name.Contains(MetricNames.FixationIteration));
        Assert.Contains(report.Notes, n => n.Contains(MetricNames.FixationIteration));
    }

    [Fact]
    public void A_run_that_stopped_early_keeps_its_last_value_but_a_failed_one_does_not()
    {
        var full = fixture.Results[0];
        var stopped = full with { Spec = full.Spec with { Seed = 200 }, Metrics = full.Metrics.Where(m => m.Iteration <= 3).Append(new MetricRow(3, MetricNames.FixationIteration, 3)).ToArray() };
        var failed = stopped with { Spec = full.Spec with { Seed = 201 }, Error = "boom" };
        var group = RunGroup.From([full, stopped, failed]).Single();

        var carried = group.Trajectory(stopped, MetricNames.TestNll);
        Assert.Equal(Enumerable.Range(1, ReportFixture.Iterations), carried.Keys);
        Assert.Equal(carried[3], carried[ReportFixture.Iterations]);
        Assert.Equal([3], group.Trajectory(stopped, MetricNames.FixationIteration).Keys);
        Assert.Equal(3, group.Trajectory(failed, MetricNames.TestNll).Count);
        Assert.Equal(1, group.StoppedEarlyCount);
        Assert.Equal(2, MetricSeries.Of(group, MetricNames.TestNll).Points[^1].Summary.Count);
    }
}
