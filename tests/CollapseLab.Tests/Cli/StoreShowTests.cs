using CollapseLab.Tasks;
using System.Diagnostics;
using System.Globalization;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Store;
using CollapseLab.Tasks.Discrete;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Cli;

[Collection(CliTestCollection.Name)]
public sealed class StoreShowTests
{
    [Fact]
    public void The_printed_command_reruns_the_stored_run_bit_for_bit()
    {
        using var directory = new TempDirectory();
        string storePath = directory.File("results.duckdb");
        // parameters off their defaults, a flag, a workflow modifier and a value that needs shell quoting (curate random:0.5)
        RunSpec[] specs =
        [
            RunSpec.Create(new GaussianSetting(new() { Dim = 3, Sigma2 = 2.5, Estimator = CovarianceEstimator.Unbiased }),
                WorkflowCatalog.BuiltIn.Create("accumulate-subsample", new Dictionary<string, string> { ["fresh-real"] = "2" }), 12, 6, 7),
            RunSpec.Create(new DiscreteSetting(new() { Outcomes = 5, StopAtFixation = true }),
                WorkflowCatalog.BuiltIn.Create("replace", new Dictionary<string, string> { ["curate"] = "random:0.5" }), 6, 40, 3),
        ];
        var results = Runner.Run(specs);
        using (var store = ResultStore.Open(storePath)) store.Write(results, threads: 1);
        using var reader = ResultStore.OpenReadOnly(storePath);
        var stored = reader.ReadResults(TaskCatalog.BuiltIn);

        foreach (var spec in specs)
        {
            var (code, output, error) = CliRunner.Run("store", "show", storePath, spec.Id[..8]);
            Assert.True(code == 0, error);
            Assert.Contains($"run {spec.Id}", output);
            Assert.Contains("status      completed", output);
            Assert.Contains("error       none", output);
            string command = output.Split('\n').Single(l => l.StartsWith("  collapse run ", StringComparison.Ordinal)).Trim();

            string csv = directory.File(spec.Id + ".csv");
            var shell = new ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
            shell.ArgumentList.Add("-c");
            shell.ArgumentList.Add($"dotnet '{Repository.CollapseDll}' {command["collapse ".Length..]} --out '{csv}'");
            using var process = Process.Start(shell)!;
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{command}\n{stderr}");

            var rerun = File.ReadAllLines(csv).Skip(1).Select(line => line.Split(',')).Select(cells => (
                Iteration: int.Parse(cells[^3], CultureInfo.InvariantCulture), Metric: cells[^2], Value: ParseValue(cells[^1]))).ToArray();
            var original = stored.Single(r => r.Spec.Id == spec.Id).Metrics;
            Assert.Equal(original.Count, rerun.Length);
            for (int i = 0; i < rerun.Length; i++)
            {
                Assert.Equal((original[i].Iteration, original[i].Metric), (rerun[i].Iteration, rerun[i].Metric));
                Assert.Equal(BitConverter.DoubleToInt64Bits(original[i].Value), BitConverter.DoubleToInt64Bits(rerun[i].Value));
            }
        }
    }

    [Fact]
    public void A_failed_run_shows_its_error_and_an_unknown_id_is_exit_code_2()
    {
        using var directory = new TempDirectory();
        string storePath = directory.File("results.duckdb");
        var run = Runner.Run([RunSpec.Create(new GaussianSetting(), new Replace(), 10, 3, 0)])[0];
        var failed = run with { Metrics = run.Metrics.Take(2).ToArray(), Error = "InvalidOperationException: simulated failure" };
        using (var store = ResultStore.Open(storePath)) store.Write([failed], threads: 1);

        var (code, output, _) = CliRunner.Run("store", "show", storePath, run.Spec.Id);
        Assert.Equal(0, code);
        Assert.Contains("status      failed", output);
        Assert.Contains("error       InvalidOperationException: simulated failure", output);
        string command = output.Split('\n').Single(l => l.StartsWith("  collapse run ", StringComparison.Ordinal)).Trim();
        Assert.StartsWith("collapse run gaussian --workflow replace --dim 1 ", command);
        Assert.EndsWith(" --samples 10 --iterations 3 --seeds 0", command);

        var (missing, missingOutput, message) = CliRunner.Run("store", "show", storePath, "ffffffffffffffff");
        Assert.Equal(2, missing);
        Assert.Equal("", missingOutput);
        Assert.Contains("no run 'ffffffffffffffff'", message);
    }

    [Fact]
    public void Seed_lists_are_written_as_ranges()
    {
        Assert.Equal("0-3,5,8-9", RerunCommand.SeedRanges([9, 0, 1, 2, 3, 5, 8]));
    }

    private static double ParseValue(string text) => text switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };
}
