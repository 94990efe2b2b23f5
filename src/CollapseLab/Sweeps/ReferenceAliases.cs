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
    /// The reference's <c>kernel</c> parameter. CollapseLab's KDE has the Gaussian kernel only, so the key is
    /// accepted with that value and dropped (unless the task declares a <c>kernel</c> parameter of its own).
    /// </summary>
    public const string Kernel = "kernel";

    /// <summary>The only kernel the reference's <c>kernel</c> key may name.</summary>
    public const string GaussianKernel = "gaussian";

    /// <summary>The reference's training scripts (the end of <c>program:</c>) → task names.</summary>
    public static IReadOnlyDictionary<string, string> Programs { get; } = new Dictionary<string, string>
    {
        ["fit_gaussians.py"] = "gaussian",
        ["fit_kdes.py"] = "kde",
        ["fit_linear_regressions.py"] = "linreg",
        ["fit_discrete_distributions.py"] = "discrete",
    };
}
