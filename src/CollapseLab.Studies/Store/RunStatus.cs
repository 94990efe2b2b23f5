namespace CollapseLab.Store;

/// <summary>How a stored run ended.</summary>
public enum RunStatus
{
    /// <summary>Every iteration ran; all its metrics are stored.</summary>
    Completed,

    /// <summary>The run threw; its error and the metrics it recorded before are stored. A resumed sweep runs it again.</summary>
    Failed,
}
