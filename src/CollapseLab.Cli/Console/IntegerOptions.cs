using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace CollapseLab.Cli.Console;

/// <summary>
/// One parser for every integer option of a command tree, so that <c>--threads abc</c> says what is wrong and what
/// is accepted instead of naming the .NET type System.Int32.
/// </summary>
public static class IntegerOptions
{
    /// <summary>Gives every <c>Option&lt;int&gt;</c> and <c>Option&lt;int?&gt;</c> under <paramref name="command"/> the integer parser.</summary>
    public static void Apply(Command command)
    {
        foreach (var option in command.Options)
        {
            if (option is Option<int> integer) integer.CustomParser = result => Parse(result, option.Name);
            else if (option is Option<int?> optional) optional.CustomParser = result => Parse(result, option.Name);
        }
        foreach (var subcommand in command.Subcommands) Apply(subcommand);
    }

    private static int Parse(ArgumentResult result, string name)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)) return value;
        bool digits = text.TrimStart('-').Length > 0 && text.TrimStart('-').All(char.IsAsciiDigit);
        result.AddError(digits
            ? $"invalid {name} '{text}': out of range; expected an integer from {int.MinValue} to {int.MaxValue}"
            : $"invalid {name} '{text}': expected an integer (e.g. {name} 4)");
        return 0;
    }
}
