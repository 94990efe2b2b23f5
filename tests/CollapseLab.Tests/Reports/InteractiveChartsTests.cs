using CollapseLab.Tasks;
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
            var bytes = File.ReadAllBytes(Support.Repository.File("src/CollapseLab.Studies/Reports/Interactive/" + name));
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

    private static JsonNode Data(string html) =>
        JsonNode.Parse(Regex.Match(html, "<script type=\"application/json\" id=\"collapse-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value)!;

    [Fact]
    public void The_fitted_density_figure_is_drawn_interactively_from_its_lines()
    {
        string html = HtmlReport.Render(fixture.Report);
        var density = fixture.Report.Figures.Single(f => f.Name.StartsWith("gaussian-fitted-densities"));
        var chart = Assert.Single(Data(html)["lines"]!.AsArray())!;
        Assert.Equal(density.Name, (string)chart["name"]!);
        Assert.Contains($"id=\"chart-{density.Name}\"", html);
        Assert.Equal(["Replace", "Accumulate"], chart["panels"]!.AsArray().Select(p => (string)p!["title"]!));
        var lines = chart["panels"]![0]!["series"]!.AsArray();
        Assert.Equal("t = 1", (string)lines[0]!["label"]!);
        Assert.Equal("truth N(0, σ²)", (string)lines[^1]!["label"]!);
        Assert.True((bool)lines[^1]!["dash"]!);
        Assert.Equal(lines[0]!["x"]!.AsArray().Count, lines[0]!["y"]!.AsArray().Count);
        Assert.Equal(DensityFigureTop, (double)chart["yTop"]!, 12); // the frame is cut at 5× the true peak, as in the PNG
        Assert.False((bool)chart["logPossible"]!);
    }

    private static double DensityFigureTop => CollapseLab.Reports.Figures.DensityFigure.TopFactor / Math.Sqrt(2 * Math.PI);

    [Fact]
    public void Mixture_curves_are_interactive_with_their_bands_and_the_heat_map_stays_an_image()
    {
        var grid = new CollapseLab.Mixtures.MixtureGrid([4, 16], [0, 16]);
        var runs = Enumerable.Range(0, 3).SelectMany(s => CollapseLab.Mixtures.MixtureStudy.RunSeed(new CollapseLab.Tasks.Gaussian.GaussianSetting(new() { Dim = 1 }), grid, (ulong)s)).ToArray();
        var report = Report.Build(runs, TaskCatalog.BuiltIn);
        string html = HtmlReport.Render(report);
        var charts = Data(html)["lines"]!.AsArray();
        var heatmap = report.Figures.Single(f => f.Name.EndsWith("-heatmap"));
        Assert.Equal(report.Figures.Where(f => f != heatmap).Select(f => f.Name), charts.Select(c => (string)c!["name"]!));
        Assert.DoesNotContain($"id=\"chart-{heatmap.Name}\"", html);
        Assert.Contains($"data:image/png;base64,{Convert.ToBase64String(heatmap.Png)}", html);
        var study = Assert.Single(report.Mixtures);
        var real4 = charts[0]!["panels"]![0]!["series"]![0]!;
        Assert.Equal("num_real = 4", (string)real4["label"]!);
        var cell = study.Cells.Single(c => c is { NumReal: 4, NumSynthetic: 16 });
        Assert.Equal(Math.Log10(17), (double)real4["x"]![1]!, 12);
        Assert.Equal(cell.Loss.Mean, (double)real4["y"]![1]!);
        Assert.Equal(cell.Loss.CiLow, (double)real4["lo"]![1]!);
        // every line of the figure shares these x values; each keeps its own band
        var real16 = charts[0]!["panels"]![0]!["series"]![1]!;
        Assert.Equal(study.Cells.Single(c => c is { NumReal: 16, NumSynthetic: 16 }).Loss.CiHigh, (double)real16["hi"]![1]!);
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
