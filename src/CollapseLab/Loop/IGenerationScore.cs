using CollapseLab.Data;

namespace CollapseLab.Loop;

/// <summary>
/// A model that also measures the generation it wrote (the language model's collapse profile: malformed fraction,
/// length, diversity, tail). The loop calls it after sampling each generation, the last included, with the generation
/// as it joins the pool (after curation); sampling itself stays only sampling.
/// </summary>
public interface IGenerationScore<TData> where TData : IDataset<TData>
{
    /// <summary>Writes the metrics of <paramref name="generation"/>, which this model sampled, to <paramref name="metrics"/>.</summary>
    void ScoreGeneration(TData generation, MetricSink metrics);
}
