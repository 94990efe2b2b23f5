namespace CollapseLab.Loop;

/// <summary>
/// A task setting whose runs share expensive work worth doing once before them, in the open (the language model
/// pretrains or loads its base model). The sweep runner (<c>CollapseLab.Sweeps.SweepRunner.Prepare</c>) calls it before a sweep's runs start,
/// so that the work reports its own progress instead of stalling the first run; a setting must still do the work
/// lazily when nobody called it.
/// </summary>
public interface IPreparable
{
    /// <summary>Does the shared work unless it is done already (idempotent); <paramref name="log"/> hears progress lines.</summary>
    void Prepare(Action<string> log);
}
