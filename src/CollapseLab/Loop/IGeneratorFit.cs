using CollapseLab.Data;
using CollapseLab.Random;

namespace CollapseLab.Loop;

/// <summary>
/// A run whose generator (the model that writes a study's synthetic data) is fit by a different rule than its
/// ordinary fits: the language model trains the mixture study's generator by its default epochs even when
/// every cell has a fixed budget of optimizer steps, so that the budget does not change the synthetic data.
/// </summary>
public interface IGeneratorFit<TData> where TData : IDataset<TData>
{
    /// <summary>Fits the generator to <paramref name="train"/>.</summary>
    IModel<TData> FitGenerator(TrainingSet<TData> train, Rng rng);
}
