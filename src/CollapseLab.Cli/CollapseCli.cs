using System.CommandLine;
using CollapseLab.Cli.Commands.Bench;
using CollapseLab.Cli.Commands.Mixture;
using CollapseLab.Cli.Commands.Report;
using CollapseLab.Cli.Commands.Reproduce;
using CollapseLab.Cli.Commands.Run;
using CollapseLab.Cli.Commands.Store;
using CollapseLab.Cli.Commands.Sweep;
using CollapseLab.Cli.Commands.Workflows;
using CollapseLab.Cli.Console;

namespace CollapseLab.Cli;

/// <summary>The whole command tree in one place.</summary>
public static class CollapseCli
{
    public static RootCommand CreateRoot() => new("CollapseLab: simulate model collapse — generative models refit, generation after generation, on data earlier models generated — under different data workflows.")
    {
        ReproduceCommand.Create(),
        RunCommand.Create(),
        SweepCommand.Create(),
        MixtureCommand.Create(),
        StoreCommand.Create(),
        ReportCommand.Create(),
        WorkflowsCommand.Create(),
        BenchCommand.Create(),
    };

    /// <summary>Runs the command line <paramref name="args"/> and returns the exit code.</summary>
    public static int Execute(string[] args) => CommandLineApp.Invoke(CreateRoot(), args);
}
