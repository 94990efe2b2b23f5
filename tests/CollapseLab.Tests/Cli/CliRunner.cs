using CollapseLab.Cli;

namespace CollapseLab.Tests.Cli;

/// <summary>Runs the CLI in process and captures its exit code, stdout and stderr.</summary>
public static class CliRunner
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = CollapseCli.Execute(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
