using CollapseLab.Data;
using CollapseLab.Random;

namespace CollapseLab.Loop;

/// <summary>A run that can draw more real data than its generation 0 (from the truth, or unused real documents).</summary>
public interface IFreshRealData<TData> where TData : IDataset<TData>
{
    /// <summary><paramref name="n"/> new real samples, independent of the run's real training and test data.</summary>
    TData DrawReal(int n, Rng rng);
}

/// <summary>A run whose true distribution can score samples (a verifier for curation).</summary>
public interface ITruthLikelihood<TData> where TData : IDataset<TData>
{
    /// <summary>log p_true(x) for each sample (up to a constant shared by all samples).</summary>
    double[] TruthLogLikelihood(TData samples);
}

/// <summary>A model that can score samples by its own likelihood.</summary>
public interface IModelLikelihood<TData> where TData : IDataset<TData>
{
    /// <summary>log p_model(x) for each sample (up to a constant shared by all samples).</summary>
    double[] LogLikelihood(TData samples);
}
