namespace CollapseLab.Studies;

/// <summary>How big a built-in study is.</summary>
public enum StudyScale
{
    /// <summary>Every task setting at a size that runs in minutes on a laptop: fewer seeds and sizes, all three workflows.</summary>
    Quick,

    /// <summary>The reference study's grids (hours on a laptop; meant for shards or Slurm).</summary>
    Paper,
}
