using CollapseLab.Reports.Figures;

namespace CollapseLab.Tests.Reports;

public sealed class AxisTicksTests
{
    [Fact]
    public void Log_axis_labels_powers_of_ten_in_plain_numbers_and_minors_between()
    {
        var ticks = AxisTicks.Log10(-2.2, 0.3);
        Assert.Equal(["0.01", "0.1", "1"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal([-2, -1, 0], ticks.Where(t => t.IsMajor).Select(t => t.Position));
        Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Position - Math.Log10(0.02)) < 1e-12);
        Assert.All(ticks, t => Assert.InRange(t.Position, -2.2, 0.3));
    }

    [Fact]
    public void Log_axis_within_a_decade_labels_two_and_five_multiples()
    {
        var labels = AxisTicks.Log10(Math.Log10(0.15), Math.Log10(0.9)).Where(t => t.IsMajor).Select(t => t.Label);
        Assert.Equal(["0.2", "0.5"], labels);
        Assert.Equal(["2", "3"], AxisTicks.Log10(Math.Log10(1.4), Math.Log10(3.5)).Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void Log_axis_over_many_decades_thins_labels_to_superscript_powers()
    {
        var ticks = AxisTicks.Log10(-42.3, 0.1);
        var labels = ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.InRange(labels.Length, 3, AxisTicks.MaxLogLabels);
        Assert.Contains("10⁻⁴⁰", labels);
        Assert.Contains("1", labels);
        Assert.All(ticks, t => Assert.Equal(Math.Round(t.Position), t.Position)); // no 2..9 minors among 40 decades
    }

    [Theory]
    [InlineData(1, -5, "10⁻⁵")]
    [InlineData(2, 6, "2×10⁶")]
    [InlineData(5, -3, "0.005")]
    [InlineData(1, 4, "10000")]
    [InlineData(3, 0, "3")]
    public void Log_labels(int mantissa, int exponent, string expected) => Assert.Equal(expected, AxisTicks.LogLabel(mantissa, exponent));

    [Fact]
    public void Linear_ticks_are_round_and_cover_the_range()
    {
        Assert.Equal(["0.5", "1.0", "1.5", "2.0", "2.5"], AxisTicks.Linear(0.4, 2.6).Select(t => t.Label));
        Assert.Equal(["10", "20", "30", "40", "50"], AxisTicks.Linear(1, 50, integersOnly: true).Select(t => t.Label));
        Assert.Equal(["2", "4", "6", "8"], AxisTicks.Linear(1, 8, integersOnly: true).Select(t => t.Label));
        Assert.Equal(["-0.2", "-0.1", "0.0", "0.1", "0.2"], AxisTicks.Linear(-0.25, 0.25).Select(t => t.Label));
    }
}
