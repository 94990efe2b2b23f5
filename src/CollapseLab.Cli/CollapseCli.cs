using System.CommandLine;
using CollapseLab.Cli.Commands.Bench;
using CollapseLab.Cli.Commands.Mixture;
using CollapseLab.Cli.Commands.Report;
using CollapseLab.Cli.Commands.Reproduce;
using CollapseLab.Cli.Commands.Data;
using CollapseLab.Cli.Commands.Lm;
using CollapseLab.Cli.Commands.Run;
using CollapseLab.Cli.Commands.Store;
using CollapseLab.Cli.Commands.Sweep;
using CollapseLab.Cli.Commands.Workflows;
using CollapseLab.Cli.Console;
using CollapseLab.Lm;
using CollapseLab.Tasks;

namespace CollapseLab.Cli;

/// <summary>The whole command tree in one place.</summary>
public static class CollapseCli
{
    /// <summary>What the commands can run and read: the core library's task settings and workflows plus the language model.</summary>
    public static TaskCatalog Catalog { get; } = TaskCatalog.BuiltIn.With(LmSetting.Info);

    /// <summary>The <c>collapse</c> command with every subcommand.</summary>
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
        DataCommand.Create(),
        LmCommand.Create(),
    };

    /// <summary>Runs the command line <paramref name="args"/> and returns the exit code.</summary>
    public static int Execute(string[] args) => CommandLineApp.Invoke(CreateRoot(), args);
}
