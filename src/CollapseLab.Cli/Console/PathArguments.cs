using System.CommandLine;
using CollapseLab.Loop;
using CollapseLab.Output;
using CollapseLab.Parameters;

namespace CollapseLab.Cli.Console;

/// <summary>Options and arguments that name files: an empty value is refused when parsing, and the files runs read are known.</summary>
public static class PathArguments
{
    /// <summary>Refuses an empty or blank path (exit code 2) instead of letting it mean the current directory or fail later.</summary>
    public static T NamesPath<T>(this T symbol) where T : Option<string>
    {
        symbol.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && value.Trim().Length == 0)
                result.AddError($"{symbol.Name}: an empty path names no file; give a path");
        });
        return symbol;
    }

    /// <summary>Refuses an empty or blank path argument (exit code 2).</summary>
    public static Argument<string> NamesPath(this Argument<string> argument)
    {
        argument.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && value.Trim().Length == 0)
                result.AddError($"<{argument.Name}>: an empty path names no file; give a path");
        });
        return argument;
    }

    /// <summary>Refuses an empty or blank path among the values of <paramref name="argument"/> (exit code 2).</summary>
    public static Argument<string[]> NamesPaths(this Argument<string[]> argument)
    {
        argument.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>() is { } values && values.Any(v => v.Trim().Length == 0))
                result.AddError($"<{argument.Name}>: an empty path names no file; give a path");
        });
        return argument;
    }

    /// <summary>The files and directories <paramref name="settings"/> read (<c>--data</c>, <c>--sft-data</c>, ...), named by their option.</summary>
    public static IEnumerable<NamedPath> InputsOf(IEnumerable<ITaskSetting> settings) =>
        settings.SelectMany(s => s.Parameters.Specs.Where(p => p.Input != ParameterInput.None)
                .Select(p => (Option: "--" + p.Name, Path: s.Parameters.Text(p.Name))))
            .Where(p => p.Path is not null)
            .Select(p => new NamedPath(p.Option, p.Path!))
            .Distinct();
}
