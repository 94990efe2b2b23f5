using System.Security.Cryptography;
using System.Text;
using CollapseLab.Workflows;

namespace CollapseLab.Loop;

/// <summary>One run: a task setting, a workflow, n samples per generation, T iterations and a seed.</summary>
public sealed record RunSpec(ITaskSetting Task, IWorkflow Workflow, int Samples, int Iterations, ulong Seed)
{
    /// <summary>A run spec after checking n and T against what the task accepts.</summary>
    /// <exception cref="Parameters.InvalidParameterException">n below the task's minimum, or T &lt; 1.</exception>
    public static RunSpec Create(ITaskSetting task, IWorkflow workflow, int samples, int iterations, ulong seed)
    {
        if (samples < task.MinimumSamples)
            throw new Parameters.InvalidParameterException("samples", $"invalid --samples {samples} for task {task.Name}: expected an integer ≥ {task.MinimumSamples}");
        if (iterations < 1)
            throw new Parameters.InvalidParameterException("iterations", $"invalid --iterations {iterations}: expected an integer ≥ 1");
        var growth = workflow.Growth;
        if (growth.FreshReal > 0 && !task.Abilities.HasFlag(TaskAbilities.FreshRealData))
            throw new Parameters.InvalidParameterException("fresh-real", $"task {task.Name} cannot draw fresh real data, so --fresh-real must be 0");
        if (growth.Curation is { } curation && !task.Abilities.HasFlag(curation.Needs))
            throw new Parameters.InvalidParameterException("curate", $"task {task.Name} cannot score samples for --curate {curation.Rule}; it accepts {AcceptedCuration(task.Abilities)}");
        return new RunSpec(task, workflow, samples, iterations, seed);
    }

    private static string AcceptedCuration(TaskAbilities abilities) => string.Join(", ",
        new[] { "none", "random:Q" }
            .Concat(abilities.HasFlag(TaskAbilities.TruthLikelihood) ? ["truth-top:Q"] : [])
            .Concat(abilities.HasFlag(TaskAbilities.ModelLikelihood) ? ["model-top:Q"] : []));

    /// <summary>Every parameter of the run except the seed, canonical, in a fixed order (task's, workflow's, then n and T).</summary>
    public IEnumerable<KeyValuePair<string, string>> Parameters =>
        Task.Parameters.Canonical
            .Concat(Workflow.Parameters.Canonical)
            .Append(KeyValuePair.Create("samples", Samples.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create("iterations", Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A readable identity: task, workflow, parameters and seed.</summary>
    public string Key => $"{Task.Name}/{Workflow.Name}/" + string.Join(",", Parameters.Select(p => $"{p.Key}={p.Value}")) + $"/seed={Seed}";

    /// <summary>Stable run id: the first 16 hex digits of SHA-256 of <see cref="Key"/>.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..16];
}
