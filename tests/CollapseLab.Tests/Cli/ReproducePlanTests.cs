using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Cli;

[Collection(CliTestCollection.Name)]
public sealed class ReproducePlanTests
{
    [Fact]
    public void Plan_prints_every_paper_part_and_creates_no_store()
    {
        using var directory = new TempDirectory();
        string store = directory.File("paper.duckdb");
        var (code, output, error) = CliRunner.Run("reproduce", "--scale", "paper", "--plan", "--store", store);
        Assert.True(code == 0, error);
        foreach (var part in new[] { "discrete.yaml (discrete): 2,500 runs", "discrete-workflows.yaml (discrete): 7,500 runs", "gaussian.yaml (gaussian): 7,500 runs",
                     "kde.yaml (kde): 18,000 runs", "kde-bandwidth.yaml (kde): 54,000 runs", "kde-estimated-bandwidth.yaml (kde): 12,000 runs", "linreg.yaml (linreg): 22,500 runs" })
            Assert.Contains($"sweeps/reproduce/paper/{part}, 0 in the store, ≈ ", output);
        Assert.False(File.Exists(store));
    }

    [Fact]
    public void Mixture_refuses_an_unknown_protocol()
    {
        using var directory = new TempDirectory();
        var (code, _, error) = CliRunner.Run("mixture", "gaussian", "--real", "10", "--synthetic", "0,10", "--protocol", "paper", "--store", directory.File("m.duckdb"));
        Assert.Equal(2, code);
        Assert.Contains("invalid --protocol 'paper': expected collapselab or reference", error);
        Assert.False(File.Exists(directory.File("m.duckdb")));
    }
}
