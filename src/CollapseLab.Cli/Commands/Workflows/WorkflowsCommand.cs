using System.CommandLine;
using CollapseLab.Parameters;
using CollapseLab.Workflows;

namespace CollapseLab.Cli.Commands.Workflows;

/// <summary><c>collapse workflows</c>: every workflow and policy with a one-line meaning.</summary>
public static class WorkflowsCommand
{
    internal static Command Create()
    {
        var command = new Command("workflows", "List every data workflow, its options, and the modifiers every workflow accepts.");
        command.SetAction(_ =>
        {
            int width = CollapseCli.Catalog.Workflows.All.Max(w => w.Name.Length);
            System.Console.WriteLine("Workflows (--workflow NAME): which pool data train each model");
            foreach (var w in CollapseCli.Catalog.Workflows.All)
            {
                System.Console.WriteLine($"  {w.Name.PadRight(width)}  {w.Description}");
                foreach (var p in w.Parameters) System.Console.WriteLine($"  {"".PadRight(width)}    {Describe(p)}");
            }
            System.Console.WriteLine();
            System.Console.WriteLine("Modifiers (any workflow): what joins the pool after each iteration");
            foreach (var p in Workflow.Modifiers) System.Console.WriteLine($"  {Describe(p)}");
            System.Console.WriteLine();
            System.Console.WriteLine("Task options that shape sampling: --temperature τ (gaussian: covariance × τ; kde: bandwidth × τ; lm: softmax temperature).");
            return 0;
        });
        return command;
    }

    private static string Describe(ParameterSpec p) =>
        $"--{p.Name}: {p.Description} [{p.Accepted}{(p.Default is null ? "; required" : $"; default {p.Default}")}]";
}
