using CollapseLab.Data;
using CollapseLab.Random;

namespace CollapseLab.Loop;

/// <summary>
/// A run that can score a model fit to nothing (the language model's base before any fine-tuning), so that a
/// study can measure the cell with no training data at all.
/// </summary>
public interface IUnfittedModel<TData> where TData : IDataset<TData>
{
    /// <summary>The model before any fit, scored on the run's real test data like a fitted one; <paramref name="rng"/> is for its own draws.</summary>
    IModel<TData> Unfitted(Rng rng);
}
