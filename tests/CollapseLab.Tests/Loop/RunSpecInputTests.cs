using System.Security.Cryptography;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Store;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Kde;
using CollapseLab.Tests.Cli;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Loop;

/// <summary>A run on a file is identified by the file's content (its SHA-256) as well as by its path.</summary>
[Collection(CliTestCollection.Name)]
public sealed class RunSpecInputTests
{
    private static void WriteCsv(string path, double shift, int rows = 40)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("x,y");
        for (int i = 0; i < rows; i++)
            writer.WriteLine(FormattableString.Invariant($"{Math.Sin(i) + shift},{Math.Cos(0.7 * i)}"));
    }

    private static RunSpec KdeOn(string path, ulong seed = 0) =>
        RunSpec.Create(TaskCatalog.BuiltIn.Create("kde", new Dictionary<string, string> { ["data"] = path }), new Replace(), 10, 3, seed);

    [Fact]
    public void RunsWithoutInputFilesKeepTheirKeys()
    {
        // The key format of every store written before inputs were hashed; these must not move.
        var gaussian = RunSpec.Create(TaskCatalog.BuiltIn.Create("gaussian", new Dictionary<string, string> { ["dim"] = "3" }), new Replace(), 10, 5, 2);
        Assert.Empty(gaussian.Inputs);
        Assert.Equal("gaussian/replace/dim=3,sigma2=1,estimator=mle,samples=10,iterations=5/seed=2", gaussian.Key);
        var kde = RunSpec.Create(new KdeSetting(), new Replace(), 10, 5, 2);
        Assert.Empty(kde.Inputs);
        Assert.DoesNotContain("sha256", kde.Key);
    }

    [Fact]
    public void ChangingTheDataFileChangesTheRunIdAndKeepsThePathReadable()
    {
        using var directory = new TempDirectory();
        string csv = directory.File("points.csv");
        WriteCsv(csv, shift: 0);
        var before = KdeOn(csv);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(csv))), Assert.Single(before.Inputs, p => p.Key == "data-sha256").Value);
        Assert.Contains($"data={csv}", before.Key);
        Assert.Equal(before.Id, KdeOn(csv).Id); // same content, same run

        WriteCsv(csv, shift: 0.5, rows: 41);
        var after = KdeOn(csv);
        Assert.NotEqual(before.Id, after.Id);
        Assert.Contains($"data={csv}", after.Key);

        // Same content under another path: another run (the path stays part of the readable key).
        string copy = directory.File("copy.csv");
        File.Copy(csv, copy);
        Assert.Equal(after.Inputs, KdeOn(copy).Inputs);
        Assert.NotEqual(after.Id, KdeOn(copy).Id);
    }

    [Fact]
    public void AMissingInputFileIsAnInvalidParameter()
    {
        using var directory = new TempDirectory();
        string csv = directory.File("points.csv");
        WriteCsv(csv, shift: 0);
        var setting = TaskCatalog.BuiltIn.Create("kde", new Dictionary<string, string> { ["data"] = csv });
        File.Delete(csv);
        var error = Assert.Throws<InvalidParameterException>(() => RunSpec.Create(setting, new Replace(), 10, 3, 0));
        Assert.Equal("data", error.Parameter);
        Assert.Contains(csv, error.Message);
    }

    [Fact]
    public void TheStoreKeepsTheDigestsSoRebuiltRunsHaveTheSameIds()
    {
        using var directory = new TempDirectory();
        string csv = directory.File("points.csv"), store = directory.File("results.duckdb");
        WriteCsv(csv, shift: 0);
        var specs = new[] { KdeOn(csv, 0), KdeOn(csv, 1) };
        var results = Running.Runner.Run(specs, threads: 1);
        using (var writer = ResultStore.Open(store)) writer.Write(results, threads: 1);
        WriteCsv(csv, shift: 1, rows: 42); // rebuilding the stored runs must not hash the file again
        using var reader = ResultStore.OpenReadOnly(store);
        var stored = reader.ReadResults(TaskCatalog.BuiltIn);
        Assert.Equal(specs.Select(s => s.Id).Order(StringComparer.Ordinal), stored.Select(r => r.Spec.Id));
        Assert.All(stored, r => Assert.Equal(specs[0].Inputs, r.Spec.Inputs));
    }

    [Fact]
    public void SweepRunRerunsEveryRunWhenTheDataFileChanges()
    {
        using var directory = new TempDirectory();
        string csv = directory.File("points.csv"), sweep = directory.File("sweep.yaml"), store = directory.File("results.duckdb");
        WriteCsv(csv, shift: 0);
        File.WriteAllText(sweep, $$"""
            task: kde
            parameters:
              data: {value: "{{csv}}"}
              workflow: {values: [replace, accumulate]}
              samples: {value: 10}
              iterations: {value: 3}
              seeds: {value: "0-1"}
            """);
        string[] run = ["sweep", "run", sweep, "--store", store, "--threads", "1"];

        var first = CliRunner.Run(run);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("0 already in the store, 4 to run", first.Error);
        Assert.Contains("4 already in the store, 0 to run", CliRunner.Run(run).Error);

        WriteCsv(csv, shift: 2, rows: 43);
        var changed = CliRunner.Run(run);
        Assert.True(changed.ExitCode == 0, changed.Error);
        Assert.Contains("0 already in the store, 4 to run", changed.Error);
        using var results = ResultStore.OpenReadOnly(store);
        Assert.Equal(8, results.CompletedRunIds().Count);
    }

    [Fact]
    public void StoresMadeBeforeAndAfterTheFileChangedMergeWithoutConflicts()
    {
        using var directory = new TempDirectory();
        string csv = directory.File("points.csv"), a = directory.File("a.duckdb"), b = directory.File("b.duckdb"), into = directory.File("all.duckdb");
        WriteCsv(csv, shift: 0);
        using (var store = ResultStore.Open(a)) store.Write(Running.Runner.Run([KdeOn(csv)], threads: 1), threads: 1);
        WriteCsv(csv, shift: 3, rows: 44);
        using (var store = ResultStore.Open(b)) store.Write(Running.Runner.Run([KdeOn(csv)], threads: 1), threads: 1);
        var report = ResultStore.Merge([a, b], into);
        Assert.Empty(report.Conflicts);
        Assert.Equal(2, report.Added);
    }
}
