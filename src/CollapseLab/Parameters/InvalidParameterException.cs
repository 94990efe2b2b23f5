namespace CollapseLab.Parameters;

/// <summary>
/// A parameter value that is not accepted. The problem names parameters through <see cref="Name"/>, so that each
/// front end writes them its own way: <see cref="Exception.Message"/> has the names as sweep files and the library write
/// them (<c>seeds</c>), the CLI formats them as its options (<c>--seeds</c>) with <see cref="Format"/>.
/// </summary>
/// <param name="parameter">The parameter's name (<c>dim</c>, <c>cluster-std</c>, <c>param.lr</c>).</param>
/// <param name="problem">What is wrong and what is accepted, parameter names marked by <see cref="Name"/>.</param>
public sealed class InvalidParameterException(string parameter, string problem) : Exception(Render(problem, name => name))
{
    private const char Open = '⟦', Close = '⟧';

    /// <summary>The parameter's name as users write it (CLI option without dashes, sweep key).</summary>
    public string Parameter { get; } = parameter;

    /// <summary><paramref name="parameter"/> marked as a parameter name inside a problem's text.</summary>
    public static string Name(string parameter) => $"{Open}{parameter}{Close}";

    /// <summary>The problem with each parameter name written by <paramref name="name"/> (e.g. <c>n => "--" + n</c>).</summary>
    public string Format(Func<string, string> name) => Render(problem, name);

    private static string Render(string text, Func<string, string> name)
    {
        var rendered = new System.Text.StringBuilder(text.Length);
        for (int at = 0; at < text.Length;)
        {
            int open = text.IndexOf(Open, at), close = open < 0 ? -1 : text.IndexOf(Close, open + 1);
            if (close < 0) return rendered.Append(text, at, text.Length - at).ToString();
            rendered.Append(text, at, open - at).Append(name(text[(open + 1)..close]));
            at = close + 1;
        }
        return rendered.ToString();
    }
}
