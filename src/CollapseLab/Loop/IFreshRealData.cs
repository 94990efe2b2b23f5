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

/// <summary>
/// A run that can score a model fit to nothing (the language model's base before any fine-tuning), so that a
/// study can measure the cell with no training data at all.
/// </summary>
public interface IUnfittedModel<TData> where TData : IDataset<TData>
{
    /// <summary>The model before any fit, scored on the run's real test data like a fitted one; <paramref name="rng"/> is for its own draws.</summary>
    IModel<TData> Unfitted(Rng rng);
}

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
