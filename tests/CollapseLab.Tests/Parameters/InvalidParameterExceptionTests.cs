using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Running;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Parameters;

public class InvalidParameterExceptionTests
{
    [Fact]
    public void TheMessageNamesParametersAsTheLibraryDoesAndFormatAsAFrontEndDoes()
    {
        var e = new InvalidParameterException("samples", $"invalid {InvalidParameterException.Name("samples")} 0: with {InvalidParameterException.Name("fresh-real")} 2, expected ≥ 1");
        Assert.Equal("invalid samples 0: with fresh-real 2, expected ≥ 1", e.Message);
        Assert.Equal("invalid --samples 0: with --fresh-real 2, expected ≥ 1", e.Format(name => "--" + name));
    }

    /// <summary>Library messages carry no CLI words: the CLI adds its dashes, a sweep file reads its own keys.</summary>
    [Fact]
    public void LibraryMessagesHaveNoOptionDashes()
    {
        var samples = Assert.Throws<InvalidParameterException>(() => RunSpec.Create(new GaussianSetting(), new Replace(), 1, 3, 0));
        Assert.Equal("invalid samples 1 for task gaussian: expected an integer ≥ 2", samples.Message);
        Assert.Equal("invalid --samples 1 for task gaussian: expected an integer ≥ 2", samples.Format(name => "--" + name));
        var seeds = Assert.Throws<InvalidParameterException>(() => SeedList.Parse("5-3"));
        Assert.DoesNotContain("--", seeds.Message);
        Assert.StartsWith("invalid --seeds '5-3'", seeds.Format(name => "--" + name));
        var value = Assert.Throws<InvalidParameterException>(() => ParameterValues.Parse(GaussianParameters.Declaration.Specs, new Dictionary<string, string> { ["dim"] = "x" }, "task gaussian"));
        Assert.Equal("invalid dim 'x' for task gaussian: expected an integer ≥ 1", value.Message);
    }
}
