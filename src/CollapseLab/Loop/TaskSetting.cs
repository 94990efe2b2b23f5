using CollapseLab.Data;
using CollapseLab.Parameters;

namespace CollapseLab.Loop;

/// <summary>Base of every task setting over data of type <typeparamref name="TData"/>.</summary>
public abstract class TaskSetting<TData> : ITaskSetting where TData : IDataset<TData>
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract ParameterValues Parameters { get; }

    /// <inheritdoc/>
    public virtual TaskAbilities Abilities => TaskAbilities.None;

    /// <inheritdoc/>
    public virtual int MinimumSamples => 2;

    /// <inheritdoc/>
    /// <remarks>Nothing to check for a setting whose parameters name nothing outside the process.</remarks>
    public virtual void Validate()
    {
    }

    /// <inheritdoc/>
    public virtual void Validate(IReadOnlyList<RunSpec> runs) => Validate();

    /// <inheritdoc/>
    public virtual int NumbersPerSample => 1;

    /// <inheritdoc/>
    public virtual string? ChooseLoss(IReadOnlyList<string> recorded) => null;

    /// <summary>
    /// Starts run <paramref name="seed"/>: draws the real training data (n = <paramref name="samples"/>) and the
    /// test data. Draw them from <see cref="Random.RngStream.Real"/>, <see cref="Random.RngStream.Test"/> and
    /// <see cref="Random.RngStream.Setup"/> streams of the seed so that every workflow sees the same real data.
    /// </summary>
    public abstract ITaskRun<TData> Start(int samples, ulong seed);

    /// <inheritdoc/>
    public TResult Accept<TResult>(ITaskSettingVisitor<TResult> visitor) => visitor.Visit(this);

    /// <inheritdoc/>
    public virtual RunResult Run(RunSpec spec, CancellationToken cancellation = default) => GenerationLoop.Run(this, spec, cancellation);
}
