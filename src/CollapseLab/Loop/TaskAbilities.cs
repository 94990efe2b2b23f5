namespace CollapseLab.Loop;

/// <summary>Optional abilities of a task setting that some workflows need; checked before a run starts.</summary>
[Flags]
public enum TaskAbilities
{
    /// <summary>Only what every task setting does: fit, sample, score.</summary>
    None = 0,
    /// <summary>Its runs implement <see cref="IFreshRealData{TData}"/> (workflows that add fresh real data).</summary>
    FreshRealData = 1,
    /// <summary>Its runs implement <see cref="ITruthLikelihood{TData}"/> (curation by the truth: <c>truth-top</c>).</summary>
    TruthLikelihood = 2,
    /// <summary>Its models implement <see cref="IModelLikelihood{TData}"/> (curation by the model: <c>model-top</c>).</summary>
    ModelLikelihood = 4,
    /// <summary>Its runs implement <see cref="IUnfittedModel{TData}"/> (the mixture study's (0, 0) cell scores the model fit to nothing).</summary>
    UnfittedModel = 8,
}
