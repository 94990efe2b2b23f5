namespace CollapseLab.Lm.Training;

/// <summary>A progress report of pretraining.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="Steps">Steps in all.</param>
/// <param name="Loss">Mean training loss (nats per token) since the previous report.</param>
/// <param name="TokensPerSecond">Training tokens per second since the start.</param>
/// <param name="Elapsed">Time since the start.</param>
public sealed record PretrainProgress(int Step, int Steps, double Loss, double TokensPerSecond, TimeSpan Elapsed)
{
    /// <summary>Estimated time to the end at the rate so far.</summary>
    public TimeSpan Remaining => Step == 0 ? TimeSpan.Zero : Elapsed * ((double)(Steps - Step) / Step);

    /// <summary>One line for a log: step, loss, throughput, elapsed time and ETA.</summary>
    public override string ToString() =>
        $"step {Step}/{Steps}, loss {Loss:0.000}, {TokensPerSecond:0} tokens/s, {Elapsed:h\\:mm\\:ss} elapsed, ETA {Remaining:h\\:mm\\:ss}";
}
