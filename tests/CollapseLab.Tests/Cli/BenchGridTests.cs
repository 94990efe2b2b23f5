using CollapseLab.Tasks;
using CollapseLab.Cli.Commands.Bench;
using CollapseLab.Studies;

namespace CollapseLab.Tests.Cli;

/// <summary><c>bench</c> times the grids of the paper study's own sweep files, not copies of them.</summary>
[Collection(CliTestCollection.Name)]
public sealed class BenchGridTests
{
    [Theory]
    [InlineData("gaussian.yaml", 7_500)]
    [InlineData("kde.yaml", 18_000)]
    public void AllSeedsAreTheRunsReproduceRuns(string file, int runs)
    {
        var study = new BuiltInStudy(StudyScale.Paper, TaskCatalog.BuiltIn).Parts.Single(p => p.Name == "sweeps/reproduce/paper/" + file);
        var grid = BenchGrid.Load(file, seeds: 100);
        Assert.Equal(study.Runs.Select(r => r.Id), grid.Runs.Select(r => r.Id));
        Assert.Equal(runs, grid.FileRuns);
    }

    [Fact]
    public void FewerSeedsKeepTheFirstSeedsOfEveryCell()
    {
        var grid = BenchGrid.Load("gaussian.yaml", seeds: 2);
        Assert.Equal(150, grid.Runs.Count);
        Assert.Equal([0UL, 1UL], grid.Runs.Select(r => r.Seed).Distinct().Order());
        Assert.Equal(7_500, grid.FileRuns);
    }

    [Theory]
    [InlineData("gaussian", "0")]
    [InlineData("kde", "101")]
    public void SeedsOutsideTheFileAreRefused(string bench, string seeds)
    {
        var (code, _, error) = CliRunner.Run("bench", bench, "--seeds", seeds);
        Assert.Equal(2, code);
        Assert.Contains($"invalid --seeds {seeds}: expected an integer from 1 to 100 (the seeds of sweeps/reproduce/paper/{bench}.yaml)", error);
    }

    [Fact]
    public void A_vocabulary_smaller_than_the_bytes_is_refused_before_libtorch_loads()
    {
        var (code, output, error) = CliRunner.Run("bench", "lm", "--vocab-size", "256");
        Assert.Equal(2, code);
        Assert.Contains("invalid --vocab-size 256: expected ≥ 257 (the 256 bytes and end-of-text)", error);
        Assert.DoesNotContain("matmul peak", output);
    }
}
