using System.Globalization;
using System.Text;
using CollapseLab.Workflows;

namespace CollapseLab.Store;

/// <summary>
/// The <c>collapse run …</c> command line that reruns stored runs: the task as subcommand, the workflow, every
/// canonical task and workflow parameter, n, T and the seeds, each as an option, quoted for a POSIX shell where
/// needed. Since a run is a pure function of its parameters and seed, the command's CSV holds the stored metrics bit
/// for bit.
/// </summary>
public static class RerunCommand
{
    /// <summary>The command for one stored run (its parameters split into the task's and the workflow's by the workflow's declaration in <paramref name="workflows"/>).</summary>
    /// <exception cref="StoreException">The run's workflow is not in <paramref name="workflows"/>.</exception>
    public static string For(StoredRun run, WorkflowCatalog workflows)
    {
        var workflow = workflows.All.FirstOrDefault(w => w.Name == run.Workflow)
            ?? throw new StoreException($"run {run.RunId} has workflow '{run.Workflow}', which the catalogue does not hold; it holds {string.Join(", ", workflows.All.Select(w => w.Name))}");
        var workflowNames = workflow.AllParameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var options = run.Parameters.Where(p => p.Key is not ("samples" or "iterations")).ToArray();
        return Format(run.Task, run.Workflow, options.Where(p => !workflowNames.Contains(p.Key)), options.Where(p => workflowNames.Contains(p.Key)),
            run.Samples, run.Iterations, [run.Seed]);
    }

    /// <summary>"collapse run gaussian --workflow replace --dim 1 … --samples 10 --iterations 100 --seeds 0-99".</summary>
    public static string Format(string task, string workflow, IEnumerable<KeyValuePair<string, string>> taskParameters,
        IEnumerable<KeyValuePair<string, string>> workflowParameters, int samples, int iterations, IEnumerable<ulong> seeds)
    {
        var line = new StringBuilder("collapse run ").Append(Quote(task)).Append(" --workflow ").Append(Quote(workflow));
        foreach (var (name, value) in taskParameters.Concat(workflowParameters))
            line.Append(" --").Append(name).Append(' ').Append(Quote(value));
        line.Append(" --samples ").Append(samples.ToString(CultureInfo.InvariantCulture))
            .Append(" --iterations ").Append(iterations.ToString(CultureInfo.InvariantCulture))
            .Append(" --seeds ").Append(SeedRanges(seeds));
        return line.ToString();
    }

    /// <summary>"0-99" or "3,5,8-10": the seeds in ascending order, consecutive runs as ranges (what <c>--seeds</c> reads).</summary>
    public static string SeedRanges(IEnumerable<ulong> seeds)
    {
        var sorted = seeds.Distinct().Order().ToArray();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? Text(sorted[i]) : $"{Text(sorted[i])}-{Text(sorted[j])}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }

    private static string Text(ulong seed) => seed.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value as one shell word: as is when it holds only safe characters, else in single quotes.</summary>
    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or ':' or '/' or '=' or ',')
            ? value
            : "'" + value.Replace("'", "'\\''") + "'";
}
