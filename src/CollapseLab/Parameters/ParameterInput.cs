namespace CollapseLab.Parameters;

/// <summary>What a parameter's value names on disk, if anything: an input whose content is part of a run's identity.</summary>
public enum ParameterInput
{
    /// <summary>A plain value.</summary>
    None,

    /// <summary>A file: its bytes are read by the run.</summary>
    File,

    /// <summary>A directory: every file under it (recursively, hidden files skipped) is read by the run.</summary>
    Directory,
}
