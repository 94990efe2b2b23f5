using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollapseLab.Reports;
using CollapseLab.Reports.Interactive;

namespace CollapseLab.Tests.Reports;

public sealed class InteractiveChartsTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [Fact]
    public void The_vendored_chart_library_is_the_pinned_npm_release()
    {
        foreach (var (name, sha) in InteractiveCharts.PinnedSha256)
        {
            var bytes = File.ReadAllBytes(Support.Repository.File("src/CollapseLab/Reports/Interactive/" + name));
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), InteractiveCharts.Resource(name));
        }
        Assert.StartsWith($"/*! https://github.com/leeoniya/uPlot (v{InteractiveCharts.UPlotVersion}) */", InteractiveCharts.Resource("uPlot.iife.min.js"));
    }

    [Fact]
    public void Every_metric_figure_has_its_chart_data_with_seed_counts_and_intervals()
    {
        string html = HtmlReport.Render(fixture.Report);
        string json = Regex.Match(html, "<script type=\"application/json\" id=\"collapse-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var data = JsonNode.Parse(json)!;
        var charts = data["charts"]!.AsArray();
        var metricFigures = fixture.Report.Settings.SelectMany(s => s.Figures).ToArray();
        Assert.Equal(metricFigures.Select(f => f.Figure.Name), charts.Select(c => (string)c!["name"]!));
        Assert.All(metricFigures, f => Assert.Contains($"id=\"chart-{f.Figure.Name}\"", html));

        var nll = charts[0]!;
        Assert.Equal(["Replace", "Accumulate-Subsample", "Accumulate"], nll["panels"]!.AsArray().Select(p => (string)p!["title"]!));
        var replace10 = nll["panels"]![0]!["series"]![0]!;
        Assert.Equal("n = 10", (string)replace10["label"]!);
        // the failed seed 99 stopped after iteration 3: 9 seeds up to there, 8 after
        var seeds = replace10["seeds"]!.AsArray().Select(s => (int)s!).ToArray();
        Assert.Equal([9, 9, 9, 8, 8, 8, 8, 8], seeds);
        var mean = fixture.Report.Groups[0];
        var series = MetricSeries.Of(mean, "test_nll");
        Assert.Equal(series.Points[0].Summary.Mean, (double)replace10["mean"]![0]!);
        Assert.Equal(series.Points[0].Summary.CiLow, (double)replace10["lo"]![0]!);
        // the Gaussian's exact expectations travel with the trace ratio chart
        var trace = charts.Single(c => ((string)c!["name"]!).EndsWith("cov_trace_ratio"))!;
        Assert.NotNull(trace["panels"]![0]!["series"]![0]!["theory"]);
    }

    [Fact]
    public void The_parallel_view_has_an_axis_per_varying_parameter_and_a_line_per_group()
    {
        var parallel = InteractiveCharts.Parallel("gaussian", fixture.Report.Verdicts, "task-gaussian")!;
        Assert.Equal(["workflow", "n", "final test_nll"], parallel["axes"]!.AsArray().Select(a => (string)a!["name"]!));
        Assert.Equal(fixture.Report.Groups.Count, parallel["lines"]!.AsArray().Count);
        Assert.False((bool)parallel["axes"]![1]!["log"]!); // n ∈ {10, 20}: no decade
    }
}
