namespace CollapseLab.Studies;

/// <summary>Which built-in study, and how big: the reference study at two sizes, or the workflow atlas.</summary>
public enum StudyScale
{
    /// <summary>Every task setting at a size that runs in minutes on a laptop: fewer seeds and sizes, all three workflows.</summary>
    Quick,

    /// <summary>The reference study's grids (hours on a laptop; meant for shards or Slurm).</summary>
    Paper,

    /// <summary>
    /// The workflow atlas (<c>reproduce --study workflows</c>): every workflow and modifier at a couple of sample
    /// sizes, ranked in the verdict table by final loss and slope.
    /// </summary>
    Workflows,
}
