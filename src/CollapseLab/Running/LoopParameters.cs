using CollapseLab.Parameters;

namespace CollapseLab.Running;

/// <summary>The parameters every run has besides its task's and workflow's: n and T.</summary>
public static class LoopParameters
{
    /// <summary><c>samples</c>: n, samples per generation (default 100).</summary>
    public static ParameterSpec Samples { get; } = ParameterSpec.Int("samples", "n, samples per generation", 100, min: 1);

    /// <summary><c>iterations</c>: T, model-fitting iterations (default 100).</summary>
    public static ParameterSpec Iterations { get; } = ParameterSpec.Int("iterations", "T, model-fitting iterations (the cap when a run can stop early)", 100, min: 1);

    /// <summary>Both, in the order they appear in run keys and store columns.</summary>
    public static IReadOnlyList<ParameterSpec> All { get; } = [Samples, Iterations];
}
