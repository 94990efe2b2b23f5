using CollapseLab.Cli.Console;
using CollapseLab.Loop;
using CollapseLab.Studies;

namespace CollapseLab.Cli.Commands.Bench;

/// <summary>
/// A grid <c>bench</c> times: the reference study's sweep file of that name, embedded for <c>reproduce --scale paper</c>
/// (sweeps/reproduce/paper/), so that the benchmark and the study cannot drift apart.
/// </summary>
/// <param name="Runs">The runs timed: those of the file's first seeds, in the file's order.</param>
/// <param name="FileRuns">The runs of the whole file (all its seeds), for extrapolating a timing of fewer seeds.</param>
public sealed record BenchGrid(IReadOnlyList<RunSpec> Runs, int FileRuns)
{
    /// <summary>The runs of <paramref name="fileName"/> whose seed is among its first <paramref name="seeds"/> seeds.</summary>
    /// <exception cref="UsageException"><paramref name="seeds"/> is below 1 or above the seeds the file has.</exception>
    public static BenchGrid Load(string fileName, int seeds)
    {
        var runs = BuiltInStudy.Sweep(StudyScale.Paper, fileName, CollapseCli.Catalog).Expand();
        var fileSeeds = runs.Select(r => r.Seed).Distinct().Order().ToArray();
        if (seeds < 1 || seeds > fileSeeds.Length)
            throw new UsageException($"invalid --seeds {seeds}: expected an integer from 1 to {fileSeeds.Length} (the seeds of sweeps/reproduce/paper/{fileName})");
        var kept = fileSeeds.Take(seeds).ToHashSet();
        return new BenchGrid(runs.Where(r => kept.Contains(r.Seed)).ToArray(), runs.Count);
    }
}
