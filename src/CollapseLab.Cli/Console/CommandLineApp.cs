using System.CommandLine;
using CollapseLab.Parameters;

namespace CollapseLab.Cli.Console;

/// <summary>Parses and invokes a command tree so that every kind of bad input ends the same way: one message on stderr, exit code 2.</summary>
public static class CommandLineApp
{
    /// <summary>Runs the command <paramref name="args"/> name in <paramref name="root"/> and returns its exit code (<see cref="ExitCodes"/>).</summary>
    public static int Invoke(RootCommand root, string[] args)
    {
        IntegerOptions.Apply(root);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) System.Console.Error.WriteLine($"error: {error.Message}");
            System.Console.Error.WriteLine($"Run '{CommandPath(parsed)} --help' for the accepted options.");
            return ExitCodes.InvalidInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is InvalidParameterException or UsageException or Sweeps.SweepException or Store.StoreException)
        {
            // The library names parameters as sweep files do; on the command line they are options.
            System.Console.Error.WriteLine($"error: {(e is InvalidParameterException p ? p.Format(name => "--" + name) : e.Message)}");
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            System.Console.Error.WriteLine("cancelled: nothing was written");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            System.Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e)
        {
            // A defect, not bad input: say what happened in one line; the stack trace helps nobody at the terminal.
            System.Console.Error.WriteLine($"collapse: unexpected error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.RunsFailed;
        }
    }

    /// <summary>"collapse run gaussian": the command the user typed, for pointing at its help.</summary>
    private static string CommandPath(ParseResult parsed)
    {
        var names = new Stack<string>();
        for (System.CommandLine.Parsing.SymbolResult? result = parsed.CommandResult; result is not null; result = result.Parent)
            if (result is System.CommandLine.Parsing.CommandResult command)
                names.Push(command.Parent is null ? "collapse" : command.Command.Name);
        return string.Join(' ', names);
    }
}
