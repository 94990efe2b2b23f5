using CollapseLab.Reports.Figures;
using ScottPlot;

namespace CollapseLab.Tests.Reports;

public sealed class FigureTitleTests
{
    private static RenderedFigure Render(string title)
    {
        var line = new PlotLine([1, 2, 3], [1, 2, 1.5], Colors.Blue, 2, LinePattern.Solid);
        var spec = new FigureSpec(title, "a subtitle", "t", "loss", false, true, [new PanelSpec("panel", [], [line])],
            "legend", [new LegendEntry("line", Colors.Blue, LinePattern.Solid, 2, false)]);
        return FigureRenderer.Render(spec, "title-test", "task", "caption");
    }

    [Fact]
    public void A_title_too_long_for_the_figure_at_the_smallest_size_is_wrapped_onto_more_lines_not_cut_at_the_edges()
    {
        var shortTitle = Render("lm (preset=small) — eval_loss");
        // A setting title of many parameters, as the language model's: several times the figure's width at 9 px.
        string longTitle = "lm (" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"parameter{i}=value{i}")) + ") — the last words";
        var wrapped = Render(longTitle);
        Assert.Equal(shortTitle.Width, wrapped.Width);
        Assert.True(wrapped.Height >= shortTitle.Height + 2 * 9, $"heights {wrapped.Height} and {shortTitle.Height}: the long title was not wrapped");
    }
}
