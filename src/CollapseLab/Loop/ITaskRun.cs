using CollapseLab.Data;
using CollapseLab.Random;

namespace CollapseLab.Loop;

/// <summary>
/// One run of a task setting: its real training data (generation 0) and real test data, drawn once
/// when the run starts, and how to fit a model to a training set.
/// </summary>
public interface ITaskRun<TData> where TData : IDataset<TData>
{
    /// <summary>The real training data, generation 0.</summary>
    TData Real { get; }

    /// <summary>Fits a new model to <paramref name="train"/>; <paramref name="rng"/> is for tasks whose fit is random.</summary>
    IModel<TData> Fit(TrainingSet<TData> train, Rng rng);
}

/// <summary>A fitted model of one run.</summary>
public interface IModel<TData> where TData : IDataset<TData>
{
    /// <summary>Draws <paramref name="n"/> synthetic samples.</summary>
    TData Sample(int n, Rng rng);

    /// <summary>Writes this model's metrics, measured on the run's real test data, to <paramref name="metrics"/>.</summary>
    void Score(MetricSink metrics);

    /// <summary>
    /// True when the run should end after this iteration's metrics (e.g. a discrete distribution that has
    /// fixed on one outcome, when the setting asks to stop at fixation).
    /// </summary>
    bool EndsRun => false;
}
