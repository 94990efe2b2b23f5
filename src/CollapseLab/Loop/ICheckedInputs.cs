namespace CollapseLab.Loop;

/// <summary>
/// A task setting that reads files the user names (the external setting's JSONL data): checks them against the runs
/// about to start, so that a missing file or too few samples ends the command as bad input before anything runs,
/// instead of failing every run. Building the setting does no I/O, so a store of its runs can be read anywhere.
/// </summary>
public interface ICheckedInputs
{
    /// <summary>Reads and checks the setting's input files for <paramref name="runs"/> (all of this setting).</summary>
    /// <exception cref="Parameters.InvalidParameterException">A file is missing, unreadable or invalid, or holds too few samples.</exception>
    void CheckInputs(IReadOnlyList<RunSpec> runs);
}
