using CollapseLab.Tasks;
using CollapseLab.Store;
using CollapseLab.Tests.Cli;

namespace CollapseLab.Tests.Tasks.External;

/// <summary>External runs through a sweep file into a store, a resumed sweep, and a report of the store.</summary>
[Collection(CliTestCollection.Name)]
public sealed class ExternalSweepTests : IDisposable
{
    private readonly ToyPrograms _toy = new();

    public void Dispose() => _toy.Dispose();

    private string SweepFile(string modes)
    {
        string path = Path.Combine(_toy.Path, "external.yaml");
        File.WriteAllText(path, $"""
            task: external
            parameters:
              real: {"{"}value: '{_toy.Real}'{"}"}
              test: {"{"}value: '{_toy.Test}'{"}"}
              fit: {"{"}value: '{_toy.Fit}'{"}"}
              sample: {"{"}value: '{_toy.Sample}'{"}"}
              score: {"{"}value: '{_toy.Score}'{"}"}
              loss: {"{"}value: train_lines{"}"}
              workdir: {"{"}value: '{_toy.Workdir}'{"}"}
              param.mode: {"{"}values: [{modes}]{"}"}
              workflow: {"{"}values: [replace, accumulate]{"}"}
              samples: {"{"}value: 10{"}"}
              iterations: {"{"}value: 3{"}"}
              seeds: {"{"}value: "0-2"{"}"}
            """);
        return path;
    }

    [Fact]
    public void ASweepWithAParamAxisRunsIntoAStoreResumesAndReportsLikeAnyOtherSetting()
    {
        string store = Path.Combine(_toy.Path, "results.duckdb"), sweep = SweepFile("ok, exit-fit@3");
        var (code, output, stderr) = CliRunner.Run("sweep", "plan", sweep);
        Assert.True(code == 0, stderr);
        Assert.Contains("12 runs", output + stderr);

        (code, _, stderr) = CliRunner.Run("sweep", "run", sweep, "--store", store, "--threads", "4");
        Assert.Equal(1, code); // the exit-fit@3 runs fail at iteration 3; the others complete
        using (var results = ResultStore.Open(store))
        {
            var runs = results.ReadResults(TaskCatalog.BuiltIn);
            Assert.Equal(12, runs.Count);
            Assert.All(runs.Where(r => r.Spec.Task.Parameters.Text("param.mode") == "ok"), r => Assert.True(r.Succeeded, r.Error));
            Assert.All(runs.Where(r => r.Spec.Task.Parameters.Text("param.mode") != "ok"), r => Assert.Contains("fit at iteration 3 exited with code 3", r.Error));
        }

        // A rerun skips the completed runs and retries the failed ones, reusing their finished iterations 1 and 2.
        (code, _, stderr) = CliRunner.Run("sweep", "run", sweep, "--store", store, "--threads", "4");
        Assert.Equal(1, code);
        var logs = Directory.EnumerateFiles(_toy.Workdir, "steps.log", SearchOption.AllDirectories).Select(File.ReadAllLines).ToArray();
        Assert.Equal(12, logs.Length);
        Assert.All(logs, log => Assert.Equal(log.Where(l => l.StartsWith("ran ")).Distinct(), log.Where(l => l.StartsWith("ran "))));
        Assert.Equal(6, logs.Count(log => log.Contains("reused fit 2")));

        (code, output, stderr) = CliRunner.Run("report", store, "--out", Path.Combine(_toy.Path, "report"));
        Assert.True(code == 0, stderr);
        // The verdict is about --loss (train_lines), not the first key (sq_mean); each configuration gets a line.
        var verdicts = output.Split('\n').Where(l => l.StartsWith("external")).ToArray();
        Assert.Equal(4, verdicts.Length);
        Assert.All(verdicts, v => Assert.Contains("train_lines", v));
        Assert.True(File.Exists(Path.Combine(_toy.Path, "report", "index.html")));
        Assert.Contains(Directory.EnumerateFiles(Path.Combine(_toy.Path, "report", "figures")), f => f.Contains("sq_mean") && f.EndsWith(".svg"));
    }
}
