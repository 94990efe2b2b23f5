using CollapseLab.Parameters;
using CollapseLab.Tasks.External;

namespace CollapseLab.Tests.Tasks.External;

public sealed class CommandTemplateTests
{
    private static readonly string[] Available = ["train", "model", "n"];

    [Theory]
    [InlineData("python3 fit.py --train {train}", new[] { "python3", "fit.py", "--train", "T" })]
    [InlineData("  a   'b c'  \"d e\" f\\ g ", new[] { "a", "b c", "d e", "f g" })]
    [InlineData("tool --in={train} 'x{model}y'", new[] { "tool", "--in=T", "xMy" })]
    [InlineData("bash -c 'wc -l {train} > {model}/n'", new[] { "bash", "-c", "wc -l T > M/n" })]
    [InlineData("echo {{literal}} \\{n} {json", new[] { "echo", "{literal}", "{n}", "{json" })]
    [InlineData("echo \"a \\\"q\\\" \\\\ b\" ''", new[] { "echo", "a \"q\" \\ b", "" })]
    public void SplitsLikeAShellAndSubstitutesWholeValues(string command, string[] expected)
    {
        var template = CommandTemplate.Parse("fit", command, Available);
        var arguments = template.Arguments(new Dictionary<string, string> { ["train"] = "T", ["model"] = "M", ["n"] = "5" });
        Assert.Equal(expected, arguments);
    }

    [Fact]
    public void AValueWithSpacesQuotesAndSemicolonsStaysOneArgument()
    {
        var template = CommandTemplate.Parse("fit", "prog {train}", Available);
        string nasty = "a b'; rm -rf / \"$(x)\"";
        Assert.Equal(["prog", nasty], template.Arguments(new Dictionary<string, string> { ["train"] = nasty }));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("prog {bogus}", "unknown placeholder {bogus}")]
    [InlineData("prog 'open", "unterminated ' quote")]
    [InlineData("prog \"open", "unterminated \" quote")]
    public void RejectsBadCommandsNamingTheProblem(string command, string problem)
    {
        var e = Assert.Throws<InvalidParameterException>(() => CommandTemplate.Parse("fit", command, Available));
        Assert.Equal("fit", e.Parameter);
        Assert.Contains(problem, e.Message);
    }
}
