using System.Drawing;
using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Running;
using CollapseLab.Tasks;
using CollapseLab.Workflows;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;

namespace CollapseLab.Browser.Tests;

/// <summary>
/// index.html opened in headless Chromium through chromedriver, as a reader opens it: a small study of four task
/// settings (every workflow, two n each), rendered by the library, with no network. The screenshot of the headline
/// screen is kept in COLLAPSE_TEST_ARTIFACTS (default tests/browser/artifacts).
/// </summary>
public sealed class ReportInBrowserTests : IDisposable
{
    private const int Width = 1600, Height = 1000;
    private readonly string _directory = Directory.CreateTempSubdirectory("collapselab-browser-").FullName;
    private readonly Report _report;
    private readonly ChromeDriver _driver;

    public ReportInBrowserTests()
    {
        var settings = new (string Task, Dictionary<string, string> Parameters)[]
        {
            ("gaussian", new() { ["dim"] = "1" }), ("gaussian", new() { ["dim"] = "10" }),
            ("discrete", new() { ["outcomes"] = "10" }), ("kde", new() { ["dataset"] = "moons", ["bandwidth"] = "0.5" }),
            // a second bandwidth and runs stopped at fixation: the reference figures on log and symlog x axes
            ("kde", new() { ["dataset"] = "moons", ["bandwidth"] = "1" }), ("discrete", new() { ["outcomes"] = "2", ["stop-at-fixation"] = "true" }),
        };
        var specs = (from setting in settings
                     from workflow in new[] { "replace", "accumulate-subsample", "accumulate" }
                     from n in new[] { 10, 100 }
                     from seed in Enumerable.Range(0, 8)
                     select RunSpec.Create(TaskCatalog.BuiltIn.Create(setting.Task, setting.Parameters), WorkflowCatalog.BuiltIn.Create(workflow), n, 100, (ulong)seed)).ToArray();
        _report = Report.Build(Runner.Run(specs), TaskCatalog.BuiltIn);
        string index = ReportWriter.Write(_report, _directory);

        var options = new ChromeOptions { BinaryLocation = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium" };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(_directory, "profile")}", $"--window-size={Width},{Height}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        string driverPath = Environment.GetEnvironmentVariable("CHROMEDRIVER") ?? "/usr/bin/chromedriver";
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.SuppressInitialDiagnosticInformation = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
        _driver.Navigate().GoToUrl(new Uri(index).AbsoluteUri);
        // collapse-charts.js marks the body when every chart is drawn (the page loads from disk: no waiting on a network)
        for (int i = 0; i < 200 && _driver.FindElement(By.TagName("body")).GetAttribute("data-charts-rendered") is null; i++) Thread.Sleep(100);
    }

    private object? Js(string script, params object[] arguments) => _driver.ExecuteScript(script, arguments);

    [Fact]
    public void The_report_renders_every_chart_without_console_errors_and_opens_on_the_headline_matrices()
    {
        var errors = _driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToArray();
        Assert.True(errors.Length == 0, "console:\n" + string.Join("\n", errors));

        // the metric figures, the Gaussian's fitted densities and the reference study's figures of lines
        var metricFigures = _report.Settings.SelectMany(s => s.Figures.Select(f => f.Figure.Name)).ToHashSet();
        int charts = metricFigures.Count + _report.Figures.Count(f => !metricFigures.Contains(f.Name) && CollapseLab.Reports.Interactive.InteractiveCharts.Lines(f) is not null);
        Assert.Contains(_report.Figures, f => f.Name.EndsWith("vs-bandwidth", StringComparison.Ordinal));
        Assert.Contains(_report.Figures, f => f.Name.EndsWith("entropy_fraction", StringComparison.Ordinal));
        int tasks = _report.Groups.Select(g => g.Task).Distinct().Count();
        Assert.Equal((charts + tasks).ToString(), _driver.FindElement(By.TagName("body")).GetAttribute("data-charts-rendered"));

        // every panel of every chart is a canvas with coloured marks (the grid and axes are grey or black)
        var panels = (IReadOnlyCollection<object>)Js("""
            var data = JSON.parse(document.getElementById('collapse-data').textContent);
            var panelCount = {};
            data.charts.concat(data.lines).forEach(function (c) { panelCount['chart-' + c.name] = c.panels.length; });
            return Array.from(document.querySelectorAll('div.interactive[id^="chart-"]')).map(function (chart) {
              var canvases = Array.from(chart.querySelectorAll('canvas'));
              if (canvases.length !== panelCount[chart.id]) return [];
              return canvases.map(function (canvas) {
                var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data, coloured = 0;
                for (var i = 0; i < pixels.length; i += 4)
                  if (pixels[i + 3] > 0 && (Math.abs(pixels[i] - pixels[i + 1]) > 30 || Math.abs(pixels[i + 1] - pixels[i + 2]) > 30)) coloured++;
                return coloured;
              });
            });
            """)!;
        Assert.Equal(charts, panels.Count);
        Assert.All(panels, chart =>
        {
            var counts = ((IReadOnlyCollection<object>)chart).Select(Convert.ToInt64).ToArray();
            Assert.NotEmpty(counts); // one canvas per workflow panel of the chart's data, in the data's order
            Assert.All(counts, c => Assert.True(c > 100, $"a panel drew {c} coloured pixels"));
        });
        var lines = (IReadOnlyCollection<object>)Js("return Array.from(document.querySelectorAll('svg.parallel')).map(function (s) { return s.querySelectorAll('polyline').length; });")!;
        Assert.Equal(_report.Groups.GroupBy(g => g.Task).Select(g => (long)g.Count()), lines.Select(Convert.ToInt64));

        // the headline: right after the title, and every matrix within the first screen
        Assert.Equal("headline", Js("return document.body.children[1].id;"));
        Assert.Equal("matrix", Js("return document.querySelector('table').className;"));
        var bottoms = ((IReadOnlyCollection<object>)Js("return Array.from(document.querySelectorAll('#headline table.matrix')).map(function (t) { return t.getBoundingClientRect().bottom; });")!)
            .Select(Convert.ToDouble).ToArray();
        Assert.Equal(_report.Settings.Count, bottoms.Length);
        double screen = Convert.ToDouble(Js("return window.innerHeight;"));
        Assert.All(bottoms, b => Assert.InRange(b, 0, screen));

        string artifacts = Environment.GetEnvironmentVariable("COLLAPSE_TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        _driver.GetScreenshot().SaveAsFile(Path.Combine(artifacts, "report-headline.png"));
    }

    [Fact]
    public void Hover_shows_mean_interval_and_seeds_and_an_n_button_hides_that_curve_in_every_panel()
    {
        var over = _driver.FindElement(By.CssSelector("div.interactive[id^='chart-'] .u-over"));
        Js("arguments[0].scrollIntoView({block: 'center'});", over);
        new Actions(_driver).MoveToElement(over).Perform();
        string legend = _driver.FindElement(By.CssSelector("div.interactive[id^='chart-'] .u-legend")).Text;
        Assert.Matches(@"n = 10:?\s*\S+ \[\S+, \S+\] · 8 seeds", legend);

        var chart = _driver.FindElement(By.CssSelector("div.interactive[id^='chart-']"));
        // drag a box to zoom both axes; double-click restores the full range
        string scales = "var u = arguments[0].plots[0]; return [u.scales.x.min, u.scales.x.max, u.scales.y.min, u.scales.y.max].join(' ');";
        string full = (string)Js(scales, chart)!;
        new Actions(_driver).MoveToElement(over, -60, -40).ClickAndHold().MoveByOffset(120, 80).Release().Perform();
        string zoomed = (string)Js(scales, chart)!;
        var (f, z) = (Numbers(full), Numbers(zoomed));
        Assert.True(z[0] > f[0] && z[1] < f[1] && z[2] > f[2] && z[3] < f[3], $"zoom: {full} → {zoomed}");
        new Actions(_driver).DoubleClick(over).Perform();
        Assert.Equal(full, (string)Js(scales, chart)!);

        chart.FindElement(By.CssSelector("button.n-toggle")).Click();
        // uPlot marks a hidden series' legend entry u-off, in each of the three panels
        Assert.Equal(3L, Js("return arguments[0].querySelectorAll('.u-legend tr.u-series.u-off').length;", chart));
        var log = chart.FindElement(By.CssSelector(".chart-controls input[type=checkbox]"));
        bool wasLog = log.Selected;
        log.Click();
        Assert.Equal(3L, Js("return arguments[0].querySelectorAll('canvas').length;", chart)); // redrawn, not added to
        Assert.NotEqual(wasLog, log.Selected);
        Assert.DoesNotContain(_driver.Manage().Logs.GetLog(LogType.Browser), e => e.Level >= LogLevel.Warning);
    }

    private static double[] Numbers(string text) => text.Split(' ').Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public void Dispose()
    {
        _driver.Quit();
        Directory.Delete(_directory, recursive: true);
    }
}
