using System.Diagnostics;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Tasks;
using CollapseLab.Tasks.External;
using CollapseLab.Tests.Cli;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Tasks.External;

/// <summary>The external setting driven through the loop and the CLI with a tiny Python model (python3, standard library only).</summary>
[Collection(CliTestCollection.Name)]
public sealed class ExternalSettingTests : IDisposable
{
    private readonly ToyPrograms _toy = new();

    public void Dispose() => _toy.Dispose();

    private ITaskSetting Setting(string mode = "ok", string? workdir = null) => TaskCatalog.BuiltIn.Create("external", _toy.Parameters(mode, workdir));

    private static RunResult RunOne(ITaskSetting setting, string workflow, int samples, int iterations, ulong seed = 0,
        Dictionary<string, string>? workflowParameters = null) =>
        Runner.Run([RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create(workflow, workflowParameters), samples, iterations, seed)])[0];

    private static double Metric(RunResult result, string metric, int iteration) =>
        result.Metrics.Single(m => m.Metric == metric && m.Iteration == iteration).Value;

    [Theory]
    [InlineData("replace", 10, 10, 10)]
    [InlineData("accumulate", 10, 20, 30)]
    [InlineData("accumulate-subsample", 10, 10, 10)]
    [InlineData("window", 10, 20, 20)]
    public void EveryIterationTrainsOnTheWorkflowsSelectionAndTheFirstOnRealDataOnly(string workflow, int t1, int t2, int t3)
    {
        var result = RunOne(Setting(), workflow, 10, 3);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([t1, t2, t3], Enumerable.Range(1, 3).Select(t => Metric(result, "train_lines", t)));
        // Iteration 1 is the same n real lines under every workflow (the run's real-data stream).
        var replace = RunOne(Setting(), "replace", 10, 1);
        Assert.Equal(Metric(replace, "sq_mean", 1), Metric(result, "sq_mean", 1));
    }

    [Fact]
    public void ModifiersWork_FreshRealGrowthAndCurationByTheModelsLoglik()
    {
        var fresh = RunOne(Setting(), "fresh", 10, 3, workflowParameters: new() { ["fresh-real"] = "5" });
        Assert.True(fresh.Succeeded, fresh.Error);
        Assert.Equal(15, Metric(fresh, "train_lines", 2));
        var curated = RunOne(Setting(), "replace", 10, 3, workflowParameters: new() { ["curate"] = "model-top:0.5" });
        Assert.True(curated.Succeeded, curated.Error);
        Assert.Equal(20, Metric(curated, "samples_generated", 1));
        Assert.Equal(10, Metric(curated, "train_lines", 2));
        var grown = RunOne(Setting(), "replace", 10, 3, workflowParameters: new() { ["growth"] = "linear:5" });
        Assert.Equal(15, Metric(grown, "train_lines", 2));
    }

    [Fact]
    public void ResultsAreAPureFunctionOfParametersAndSeed_AndSeedsDiffer()
    {
        var a = RunOne(Setting(), "accumulate-subsample", 10, 3, seed: 4);
        var b = RunOne(Setting(workdir: _toy.Workdir + "-other"), "accumulate-subsample", 10, 3, seed: 4);
        var c = RunOne(Setting(), "accumulate-subsample", 10, 3, seed: 5);
        Assert.Equal(a.Metrics, b.Metrics);
        Assert.NotEqual(a.Metrics, c.Metrics);
        // {seed} differs by iteration and is a non-negative 31-bit integer.
        var seeds = Enumerable.Range(1, 3).Select(t => Metric(a, "fit_seed", t)).ToArray();
        Assert.Equal(3, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.InRange(s, 0, int.MaxValue));
    }

    [Fact]
    public void TheLossIsTheScoresFirstKeyUnlessLossNamesAnother()
    {
        // Not the report's catalogue order, which would pick test_nll.
        Assert.Equal("accuracy_gap", Setting().ChooseLoss(["accuracy_gap", "test_nll"]));
        var parameters = _toy.Parameters();
        parameters["loss"] = "test_nll";
        Assert.Equal("test_nll", TaskCatalog.BuiltIn.Create("external", parameters).ChooseLoss(["accuracy_gap", "test_nll"]));
        Assert.Null(TaskCatalog.BuiltIn.Create("gaussian").ChooseLoss(["mean_sq_error", "test_nll"])); // built-in settings leave it to the report
    }

    [Fact]
    public void ARerunReusesEveryFinishedStepAndGivesTheSameResults()
    {
        var first = RunOne(Setting(), "accumulate", 10, 3);
        var second = RunOne(Setting(), "accumulate", 10, 3);
        Assert.Equal(first.Metrics, second.Metrics);
        string log = File.ReadAllText(Path.Combine(((ExternalSetting)first.Spec.Task).RunDirectory(first.Spec), "steps.log"));
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Count(l => l.StartsWith("ran ")));    // fit ×3, score ×3, sample ×2
        Assert.Equal(8, lines.Count(l => l.StartsWith("reused ")));
        Assert.Equal(lines.Take(8).Select(l => l[4..]), lines.Skip(8).Select(l => l[7..]));
    }

    [Theory]
    [InlineData("exit-sample@2", "sample at iteration 2 exited with code 3", "something went wrong in sample")]
    [InlineData("count-sample@1", "sample at iteration 1 wrote 9 lines", null)]
    [InlineData("badjson-sample@2", "sample at iteration 2 wrote invalid JSONL: line 1", null)]
    [InlineData("nometrics-score@2", "score at iteration 2 printed no metrics object", null)]
    [InlineData("exit-fit@3", "fit at iteration 3 exited with code 3", "something went wrong in fit")]
    public void AFailingStepFailsTheRunWithStepCommandExitCodeAndStderr(string mode, string reason, string? stderr)
    {
        var result = RunOne(Setting(mode), "replace", 10, 3);
        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Error);
        Assert.Contains($"command: {ToyPrograms.Interpreter} {_toy.Script}", result.Error);
        if (stderr is not null) Assert.Contains(stderr, result.Error);
        int failedAt = int.Parse(mode.Split('@')[1]);
        Assert.All(result.Metrics, m => Assert.True(m.Iteration <= failedAt)); // metrics until then are kept
    }

    [Fact]
    public void ATimedOutStepIsKilledAndFailsTheRun()
    {
        var parameters = _toy.Parameters("hang-fit@2");
        parameters["step-timeout"] = "1";
        var result = RunOne(TaskCatalog.BuiltIn.Create("external", parameters), "replace", 10, 3);
        Assert.False(result.Succeeded);
        Assert.Contains("fit at iteration 2 timed out after 1 s (--step-timeout) and was killed", result.Error);
        AssertGone(int.Parse(File.ReadAllText(_toy.HangPid)));
    }

    [Fact]
    public async Task CancellingKillsTheRunningStep()
    {
        var spec = RunSpec.Create(Setting("hang-sample@1"), WorkflowCatalog.BuiltIn.Create("replace"), 10, 3, 0);
        using var cancellation = new CancellationTokenSource();
        var run = Task.Run(() => spec.Task.Run(spec, cancellation.Token));
        while (!File.Exists(_toy.HangPid) || File.ReadAllText(_toy.HangPid).Length == 0)
        {
            Assert.False(run.IsCompleted, "the run ended before its step hung");
            await Task.Delay(20);
        }
        cancellation.Cancel();
        Assert.Equal("cancelled", (await run).Error);
        AssertGone(int.Parse(File.ReadAllText(_toy.HangPid)));
    }

    private static void AssertGone(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            Assert.True(process.HasExited, $"step process {pid} still runs");
        }
        catch (ArgumentException)
        {
            // no such process: killed and reaped
        }
    }

    [Fact]
    public void CliRunsEveryWorkflowAndRecordsParamsInTheRunKey()
    {
        string csv = Path.Combine(_toy.Path, "out.csv");
        var (code, _, stderr) = CliRunner.Run(_toy.RunArguments("ok", "--workflow", "accumulate-subsample", "--samples", "10", "--iterations", "2", "--seeds", "0-1", "--out", csv));
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(csv);
        Assert.Contains("param.mode", lines[0].Split(','));
        Assert.Equal(1 + 2 * 2 * 3, lines.Length); // 2 seeds × 2 iterations × 3 metrics
    }

    [Fact]
    public void CliExitsWith1WhenARunFailsAndReportsTheFailure()
    {
        var (code, _, stderr) = CliRunner.Run(_toy.RunArguments("exit-sample@1", "--samples", "10", "--iterations", "2"));
        Assert.Equal(1, code);
        Assert.Contains("run failed: seed 0: ExternalStepException: sample at iteration 1 exited with code 3", stderr);
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--fit", "python3 fit.py {trian}"], "unknown placeholder {trian}" },
        { ["--score", "python3 score.py {train}"], "unknown placeholder {train}" },
        { ["--sample", "  "], "--sample: the command is empty" },
        { ["--real", "/nonexistent/real.jsonl"], "invalid --real '/nonexistent/real.jsonl'" },
        { ["--test", "/nonexistent/test.jsonl"], "invalid --test '/nonexistent/test.jsonl'" },
        { ["--samples", "201"], "it holds 200 samples, but a run of --samples 201 needs 201" },
        { ["--fresh-real", "100", "--workflow", "fresh", "--iterations", "3"], "with --fresh-real 100 over 3 iterations needs 210" },
        { ["--curate", "model-top:0.5"], "cannot score samples for --curate model-top" },
        { ["--param", "lr"], "expected NAME=VALUE" },
        { ["--param", "model=3"], "{model} is a placeholder CollapseLab fills in itself" },
        { ["--step-timeout", "0"], "--step-timeout" },
        { ["--fit", "no-such-program-xyz {train}"], "the program 'no-such-program-xyz' is not found on PATH" },
        { ["--score", "/nonexistent/score {model}"], "the program '/nonexistent/score' is not found" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputExitsWith2BeforeAnythingRuns(string[] bad, string message)
    {
        var (code, stdout, stderr) = CliRunner.Run(_toy.RunArguments("ok", bad.Contains("--samples") ? bad : ["--samples", "10", .. bad]));
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(_toy.Workdir), "a step ran");
    }

    [Fact]
    public void ARealFileWithALineThatIsNotJsonIsBadInput()
    {
        File.AppendAllText(_toy.Real, "{\"unterminated\": \n");
        var (code, _, stderr) = CliRunner.Run(_toy.RunArguments("ok", "--samples", "10"));
        Assert.Equal(2, code);
        Assert.Contains("line 201 of", stderr);
        Assert.Contains("is not one JSON value", stderr);
    }
}
