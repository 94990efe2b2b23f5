using CollapseLab.Data;

namespace CollapseLab.Loop;

/// <summary>A run whose true distribution can score samples (a verifier for curation).</summary>
public interface ITruthLikelihood<TData> where TData : IDataset<TData>
{
    /// <summary>log p_true(x) for each sample (up to a constant shared by all samples).</summary>
    double[] TruthLogLikelihood(TData samples);
}
