namespace CollapseLab.Sweeps;

/// <summary>
/// The names the reference study's sweep files (Kazdan et al., Weights &amp; Biases grids) use, mapped to
/// CollapseLab's, so those files run unchanged.
/// </summary>
public static class ReferenceAliases
{
    /// <summary>Reference parameter paths (nested <c>parameters:</c> joined by dots) → CollapseLab parameter names.</summary>
    public static IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["setting"] = SweepSpec.WorkflowKey, // values Replace, Accumulate, Accumulate-Subsample (workflow names match case-insensitively)
        ["data_dim"] = "dim",
        ["num_samples_per_iteration"] = "samples",
        ["num_iterations"] = "iterations",
        ["sigma_squared"] = "sigma2",
        ["kernel_bandwidth"] = "bandwidth",
        ["data_config.dataset_name"] = "dataset",
        ["data_config.dataset_kwargs.noise"] = "noise",
        ["data_config.dataset_kwargs.n_features"] = "features",
        ["num_outcomes"] = "outcomes", // fit_discrete_distributions.py
    };

    /// <summary>
    /// Reference parameters whose only value CollapseLab implements, by the key's last name: accepted with that value
    /// and dropped, any other value refused (unless the task declares a parameter of that name, or the entry names
    /// another task). <c>kernel</c>: CollapseLab's KDE has the Gaussian kernel only. <c>init_sampling_distribution</c>
    /// (fit_discrete_distributions' <c>data_config</c>): the discrete truth is uniform, as in every reference run.
    /// </summary>
    public static IReadOnlyList<ImplementedOnly> SingleValued { get; } =
    [
        new("kernel", "gaussian", "the gaussian kernel", null),
        new("init_sampling_distribution", "uniform", "the uniform initial distribution", "discrete"),
    ];

    /// <summary>The reference's training scripts (the end of <c>program:</c>) → task names.</summary>
    public static IReadOnlyDictionary<string, string> Programs { get; } = new Dictionary<string, string>
    {
        ["fit_gaussians.py"] = "gaussian",
        ["fit_kdes.py"] = "kde",
        ["fit_linear_regressions.py"] = "linreg",
        ["fit_discrete_distributions.py"] = "discrete",
    };
}

/// <summary>A reference parameter (<paramref name="Leaf"/>, the key's last name) that CollapseLab implements for one value only.</summary>
/// <param name="Leaf">The last name of the reference key.</param>
/// <param name="Value">The value accepted (case-insensitively).</param>
/// <param name="Described">What the value means, for the error message ("only … is implemented").</param>
/// <param name="Task">The task the key belongs to, or null for any task.</param>
public sealed record ImplementedOnly(string Leaf, string Value, string Described, string? Task);
