using CollapseLab.Data;

namespace CollapseLab.Loop;

/// <summary>A model that can score samples by its own likelihood.</summary>
public interface IModelLikelihood<TData> where TData : IDataset<TData>
{
    /// <summary>log p_model(x) for each sample (up to a constant shared by all samples).</summary>
    double[] LogLikelihood(TData samples);
}
