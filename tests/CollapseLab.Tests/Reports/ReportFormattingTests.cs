using System.Globalization;
using CollapseLab.Reports;
using CollapseLab.Reports.Figures;

namespace CollapseLab.Tests.Reports;

/// <summary>
/// Everything a report writes is the same whatever the current culture. The project runs with invariant
/// globalization, where .NET cannot create ru-RU, so the test builds a culture with ru-RU's number format
/// (decimal comma, no-break-space groups, Unicode minus) to stand in for it.
/// </summary>
public sealed class ReportFormattingTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static CultureInfo RussianNumbers()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = "\u00a0";
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.PercentDecimalSeparator = ",";
        culture.NumberFormat.PercentSymbol = "\u00a0%";
        return culture;
    }

    private static T Under<T>(CultureInfo culture, Func<T> produce)
    {
        var (saved, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try { return produce(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (saved, savedUi); }
    }

    public static TheoryData<string> Outputs => ["aggregates.csv", "verdicts.csv", "verdict table", "index.html", "ticks", "numbers"];

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Output_does_not_depend_on_the_culture(string output)
    {
        Func<string> produce = output switch
        {
            "aggregates.csv" => () => Write(w => ReportCsv.WriteAggregates(fixture.Report.Groups, w)),
            "verdicts.csv" => () => Write(w => ReportCsv.WriteVerdicts(fixture.Report.Verdicts, w)),
            "verdict table" => () => VerdictTable.Format(fixture.Report.Verdicts),
            "index.html" => () => HtmlReport.Render(fixture.Report) + VerdictRule.Description,
            "ticks" => () => string.Join("|", AxisTicks.Linear(-0.25, 2.5).Concat(AxisTicks.Log10(-7.5, 0.3)).Concat(AxisTicks.Log10(-0.6, -0.1)).Select(t => t.Label)),
            _ => () => string.Join("|", new[] { -1234.5678, 0.000123456, 1.5e-9, 2.5e7, double.NaN, double.NegativeInfinity }.Select(v => ReportFormat.Number(v))),
        };
        string invariant = Under(CultureInfo.InvariantCulture, produce);
        string russian = Under(RussianNumbers(), produce);
        Assert.Equal(invariant, russian);
        Assert.DoesNotContain("\u00a0", russian);
    }

    [Fact]
    public void Numbers_are_written_with_four_significant_digits()
    {
        Assert.Equal("-1235", ReportFormat.Number(-1234.5678));
        Assert.Equal("0.0001235", ReportFormat.Number(0.000123456));
        Assert.Equal("1.5e-09", ReportFormat.Number(1.5e-9));
        Assert.Equal("2.5e+07", ReportFormat.Number(2.5e7));
        Assert.Equal("+∞", ReportFormat.Number(double.PositiveInfinity));
        Assert.Equal("0", ReportFormat.Number(0));
    }

    [Fact]
    public void Csv_values_round_trip()
    {
        string csv = Write(w => ReportCsv.WriteAggregates(fixture.Report.Groups, w));
        var header = csv.Split('\n')[0].Split(',');
        var row = csv.Split('\n')[1].Split(',');
        int mean = Array.IndexOf(header, "mean");
        var group = fixture.Report.Groups[0];
        var expected = MetricSeries.Of(group, row[Array.IndexOf(header, "metric")]).Points[0].Summary.Mean;
        Assert.Equal(expected, double.Parse(row[mean], CultureInfo.InvariantCulture));
    }

    private static string Write(Action<TextWriter> write)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(writer);
        return writer.ToString();
    }
}
