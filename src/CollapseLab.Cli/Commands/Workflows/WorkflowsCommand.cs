using System.CommandLine;
using CollapseLab.Workflows;

namespace CollapseLab.Cli.Commands.Workflows;

/// <summary><c>collapse workflows</c>: every workflow and its options with a one-line meaning.</summary>
public static class WorkflowsCommand
{
    public static Command Create()
    {
        var command = new Command("workflows", "List every data workflow and its options.");
        command.SetAction(_ =>
        {
            int width = WorkflowCatalog.All.Max(w => w.Name.Length);
            foreach (var w in WorkflowCatalog.All)
            {
                System.Console.WriteLine($"{w.Name.PadRight(width)}  {w.Description}");
                foreach (var p in w.Parameters)
                    System.Console.WriteLine($"{"".PadRight(width)}    --{p.Name}: {p.Description} [{p.Accepted}{(p.Default is null ? "" : $"; default {p.Default}")}]");
            }
            return 0;
        });
        return command;
    }
}
