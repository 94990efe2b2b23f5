using System.CommandLine;
using CollapseLab.Parameters;

namespace CollapseLab.Cli.Console;

/// <summary>Command-line options made from the library's <see cref="ParameterSpec"/>s, so help text cannot drift from what is accepted.</summary>
public sealed class ParameterOptions
{
    private readonly List<(ParameterSpec Spec, Option Option)> _options = [];

    /// <summary>One option <c>--NAME</c> per parameter of <paramref name="specs"/> (the first of each name), its help from the spec.</summary>
    public ParameterOptions(IEnumerable<ParameterSpec> specs)
    {
        foreach (var spec in specs.DistinctBy(s => s.Name))
        {
            string help = spec.Description + (spec.IsFlag ? "" : $" [{spec.Accepted}{(spec.Default is null ? "" : $"; default {spec.Default}")}]");
            Option option = spec.IsFlag ? new Option<bool>("--" + spec.Name) { Description = help }
                : spec.IsFamily ? new Option<string[]>("--" + spec.Name) { Description = help + " (repeatable)", HelpName = "NAME=VALUE" }
                : new Option<string>("--" + spec.Name) { Description = help, HelpName = "value" };
            _options.Add((spec, option));
        }
    }

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> Options => _options.Select(o => o.Option);

    /// <summary>The values the user gave explicitly (name → text); defaults are left to the library.</summary>
    public Dictionary<string, string> Given(ParseResult parsed)
    {
        var given = new Dictionary<string, string>();
        foreach (var (spec, option) in _options)
        {
            if (parsed.GetResult(option) is not { Implicit: false }) continue;
            if (option is Option<string[]> family)
            {
                foreach (var member in parsed.GetValue(family) ?? [])
                    given[FamilyMember(spec, member)] = member[(member.IndexOf('=') + 1)..];
                continue;
            }
            given[spec.Name] = option is Option<bool> flag ? (parsed.GetValue(flag) ? "true" : "false") : parsed.GetValue((Option<string>)option) ?? "";
        }
        return given;
    }

    /// <summary>"param.lr" for <c>--param lr=0.1</c>.</summary>
    /// <exception cref="InvalidParameterException">Not NAME=VALUE with a valid NAME.</exception>
    private static string FamilyMember(ParameterSpec family, string written)
    {
        int equals = written.IndexOf('=');
        string member = equals < 0 ? "" : written[..equals];
        if (!ParameterSpec.IsMemberName(member))
            throw new InvalidParameterException(family.Name,
                $"invalid --{family.Name} '{written}': expected NAME=VALUE with NAME a letter followed by letters, digits, _ or -");
        return $"{family.Name}.{member}";
    }
}
