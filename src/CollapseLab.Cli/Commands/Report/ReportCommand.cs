using System.CommandLine;
using CollapseLab.Cli.Console;
using CollapseLab.Output;
using CollapseLab.Reports;
using CollapseLab.Reports.Figures;
using CollapseLab.Store;

namespace CollapseLab.Cli.Commands.Report;

/// <summary><c>collapse report STORE --out DIR</c>: figures, collapse verdicts and a self-contained HTML page from a results store.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var command = new Command("report", "Write a report of a results store: index.html (self-contained), every figure as PNG and SVG, aggregates.csv and verdicts.csv; print the collapse verdicts.");
        var store = new Argument<string>("store") { Description = "results store (DuckDB file)" }.NamesPath();
        var output = new Option<string>("--out") { Description = "report directory (created if needed)", DefaultValueFactory = _ => "report", HelpName = "dir" }.NamesPath();
        var task = new Option<string>("--task") { Description = "only this task setting [default: every task in the store]", HelpName = "name" };
        command.Arguments.Add(store);
        command.Options.Add(output);
        command.Options.Add(task);
        command.SetAction(parsed =>
        {
            using var results = ResultStore.OpenReadOnly(parsed.GetValue(store)!);
            var runs = results.ReadResults(parsed.GetValue(task));
            if (runs.Count == 0)
                throw new UsageException($"{results.Path} holds no runs{(parsed.GetValue(task) is { } t ? $" of task {t}" : "")}: nothing to report");
            return Write(Build(() => Reports.Report.Build(runs)), parsed.GetValue(output)!, results.Path);
        });
        return command;
    }

    /// <summary>Writes <paramref name="report"/> to <paramref name="directory"/>, prints the verdicts and where the page is.</summary>
    /// <param name="store">The store it was made from, which no report file may replace.</param>
    internal static int Write(Reports.Report report, string directory, string store)
    {
        string index;
        try
        {
            index = ReportWriter.Write(report, directory, [new NamedPath("the store", store)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write the report to '{directory}': {e.Message}");
        }
        System.Console.Out.Write(VerdictTable.Format(report.Verdicts));
        System.Console.Out.WriteLine();
        System.Console.Out.WriteLine($"report: {index} ({report.Figures.Count} figures, {report.RunCount} runs{(report.FailedCount > 0 ? $", {report.FailedCount} failed" : "")})");
        return ExitCodes.Success;
    }

    /// <summary>Builds a report, turning a missing font into the usage error it is.</summary>
    internal static Reports.Report Build(Func<Reports.Report> build)
    {
        try
        {
            return build();
        }
        catch (MissingFontException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
