using CollapseLab.Parameters;

namespace CollapseLab.Loop;

/// <summary>A task setting with its parameters fixed: what <see cref="GenerationLoop"/> runs.</summary>
public interface ITaskSetting
{
    /// <summary>The task's name as users write it (<c>gaussian</c>, <c>kde</c>, …).</summary>
    string Name { get; }

    /// <summary>The setting's canonical parameter values.</summary>
    ParameterValues Parameters { get; }

    /// <summary>The smallest generation size n the setting can fit (2 for a covariance).</summary>
    int MinimumSamples { get; }

    /// <summary>The optional abilities workflows may rely on (fresh real data, likelihoods for curation).</summary>
    TaskAbilities Abilities { get; }

    /// <summary>
    /// The metric reports lead with and judge collapse by, among <paramref name="recorded"/> (the runs' metrics in
    /// order of first appearance), when the setting decides it; null lets the report choose by its catalogue.
    /// </summary>
    string? ChooseLoss(IReadOnlyList<string> recorded);

    /// <summary>Runs the generation loop for <paramref name="spec"/> (whose Task is this setting).</summary>
    RunResult Run(RunSpec spec, CancellationToken cancellation = default);
}
