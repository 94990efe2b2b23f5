using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollapseLab.Reports;
using CollapseLab.Reports.Figures;
using CollapseLab.Reports.Interactive;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Reports;

/// <summary>
/// A report of long runs (the d = 1 Gaussian, T = 5000, 2 seeds) draws a bounded number of iterations per line, each
/// the exact stored summary there, the first and last among them; a report of short runs draws every iteration.
/// </summary>
public sealed class ThinnedFigureTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private const int LongT = 5000;

    private static readonly Lazy<Report> LongReport = new(() =>
    {
        var task = new GaussianSetting(new() { Dim = 1 });
        var specs = (from workflow in new IWorkflow[] { new Replace(), new AccumulateSubsample() }
                     from seed in Enumerable.Range(0, 2)
                     select RunSpec.Create(task, workflow, 10, LongT, (ulong)seed)).ToArray();
        return Report.Build(Runner.Run(specs).ToList(), TaskCatalog.BuiltIn);
    });

    private static JsonNode Data(string html) =>
        JsonNode.Parse(Regex.Match(html, "<script type=\"application/json\" id=\"collapse-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value)!;

    [Fact]
    public void Long_lines_draw_a_bounded_number_of_exact_means_including_first_and_last()
    {
        var report = LongReport.Value;
        var setting = Assert.Single(report.Settings);
        Assert.NotEmpty(setting.Figures);
        var charts = Data(HtmlReport.Render(report))["charts"]!.AsArray();
        foreach (var (metric, figure) in setting.Figures)
        {
            var chart = charts.Single(c => (string)c!["name"]! == figure.Name)!;
            foreach (var (panel, png) in chart["panels"]!.AsArray().Zip(figure.Spec!.Panels))
            {
                var group = setting.Groups.Single(g => MetricFigures.PanelTitle(g) == (string)panel!["title"]!);
                var stored = MetricSeries.Of(group, metric).Points.ToDictionary(p => p.Iteration, p => p.Summary);
                Assert.True(stored.Count > PlottedIterations.AllUpTo);
                var xs = panel!["x"]!.AsArray().Select(x => (int)x!).ToArray();
                Assert.InRange(xs.Length, 100, PlottedIterations.AllUpTo);
                Assert.Equal(stored.Keys.Min(), xs[0]);
                Assert.Equal(LongT, xs[^1]);
                Assert.Contains(VerdictRule.SlopeStart(stored.Keys.Min(), LongT), xs);
                var means = panel["series"]![0]!["mean"]!.AsArray();
                for (int i = 0; i < xs.Length; i++)
                    if (double.IsFinite(stored[xs[i]].Mean)) Assert.Equal(stored[xs[i]].Mean, (double)means[i]!);
                // the PNG draws the same iterations and values
                var line = png.Lines[0];
                Assert.Equal(xs.Select(x => (double)x), line.Xs);
                Assert.Equal(xs.Select(x => stored[x].Mean), line.Ys);
                Assert.Equal(xs.Select(x => stored[x].CiLow), png.Bands[0].Lows);
            }
            Assert.Contains("-th iteration shown", figure.Caption);
            Assert.Contains("all in aggregates.csv", figure.Caption);
        }
        // the aggregates keep every iteration
        var csv = new StringWriter();
        ReportCsv.WriteAggregates(report.Groups, csv);
        int rows = csv.ToString().Split('\n').Count(l => l.Contains(",test_nll,"));
        Assert.Equal(report.Groups.Sum(g => MetricSeries.Of(g, "test_nll").Points.Count), rows);
        Assert.True(rows >= 2 * LongT, $"{rows} aggregate rows of test_nll");
    }

    [Fact]
    public void Short_lines_draw_every_iteration_and_say_nothing_of_thinning()
    {
        var charts = Data(HtmlReport.Render(fixture.Report))["charts"]!.AsArray();
        foreach (var setting in fixture.Report.Settings)
            foreach (var (metric, figure) in setting.Figures)
            {
                var chart = charts.Single(c => (string)c!["name"]! == figure.Name)!;
                foreach (var panel in chart["panels"]!.AsArray())
                {
                    var groups = setting.Groups.Where(g => MetricFigures.PanelTitle(g) == (string)panel!["title"]!);
                    var all = groups.SelectMany(g => MetricSeries.Of(g, metric).Points.Select(p => p.Iteration)).Distinct().Order();
                    Assert.Equal(all, panel!["x"]!.AsArray().Select(x => (int)x!));
                }
                Assert.DoesNotContain("iteration shown", figure.Caption);
            }
    }

    [Fact]
    public void The_rule_keeps_short_series_whole_and_bounds_long_ones()
    {
        var shortSeries = Enumerable.Range(1, PlottedIterations.AllUpTo).ToArray();
        Assert.Equal(shortSeries, PlottedIterations.Of(shortSeries, []));
        var longSeries = Enumerable.Range(1, 200_000).ToArray();
        var kept = PlottedIterations.Of(longSeries, [123_457]);
        Assert.InRange(kept.Count, 200, PlottedIterations.AllUpTo);
        Assert.Equal(1, kept[0]);
        Assert.Equal(200_000, kept[^1]);
        Assert.Contains(123_457, kept);
        Assert.Equal(kept.Order(), kept);
        Assert.Equal(Enumerable.Range(1, 10), kept.Take(10));
    }
}
