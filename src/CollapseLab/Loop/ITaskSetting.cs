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

    /// <summary>
    /// How many 8-byte numbers one sample occupies in memory (d for a point in ℝ^d; 0 when a generation's memory
    /// does not grow with its size, as for counts of outcomes): <see cref="RunMemory"/> bounds n, T and growth by it.
    /// </summary>
    int NumbersPerSample { get; }

    /// <summary>The optional abilities workflows may rely on (fresh real data, likelihoods for curation).</summary>
    TaskAbilities Abilities { get; }

    /// <summary>
    /// Checks what the parameters name outside the process (files, corpora, a device) before any run starts, so that bad
    /// input is one clear error instead of failed runs. Constructors only store parameters (a store's rows rebuild a
    /// setting on any machine, for reports); this is where a setting first reads or probes anything. Idempotent.
    /// </summary>
    /// <exception cref="InvalidParameterException">A named file, corpus or device is missing, malformed or too small.</exception>
    void Validate();

    /// <summary>
    /// <see cref="Validate()"/>, then what only the runs about to start decide (e.g. that a data file holds as many
    /// samples as they draw). Call it with every run of this setting before any of them starts.
    /// </summary>
    /// <exception cref="InvalidParameterException">See <see cref="Validate()"/>; or the inputs cannot serve <paramref name="runs"/>.</exception>
    void Validate(IReadOnlyList<RunSpec> runs);

    /// <summary>
    /// The metric reports lead with and judge collapse by, among <paramref name="recorded"/> (the runs' metrics in
    /// order of first appearance), when the setting decides it; null lets the report choose by its catalogue.
    /// </summary>
    string? ChooseLoss(IReadOnlyList<string> recorded);

    /// <summary>Runs the generation loop for <paramref name="spec"/> (whose Task is this setting).</summary>
    RunResult Run(RunSpec spec, CancellationToken cancellation = default);

    /// <summary><paramref name="visitor"/>'s result for this setting, seen with its data type.</summary>
    TResult Accept<TResult>(ITaskSettingVisitor<TResult> visitor);
}
