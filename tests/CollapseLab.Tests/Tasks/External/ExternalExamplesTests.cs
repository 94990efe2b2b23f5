using System.Diagnostics;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Tasks.External;

/// <summary>
/// The programs of examples/external/ run as users run them, checked against what is known independently: the
/// Gaussian's closed forms (docs/semantics.md §5) and the built-in kde setting (another implementation of the same
/// experiment). Few seeds and iterations: every step is a Python process.
/// </summary>
public sealed class ExternalExamplesTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string Example(string file) => Repository.File(Path.Combine("examples", "external", file));

    private static void RunPython(string python, params string[] arguments)
    {
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
    }

    private static RunResult[] RunSeeds(ITaskSetting setting, string workflow, int samples, int iterations, int seeds)
    {
        var specs = Enumerable.Range(0, seeds).Select(s => RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create(workflow), samples, iterations, (ulong)s)).ToArray();
        var results = Runner.Run(specs, threads: 4); // the steps are child processes: more runs than cores keeps the cores busy
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        return results;
    }

    [PythonFact("numpy", "python3-numpy")]
    public void GaussianExampleMatchesTheClosedForms()
    {
        string python = Python.With("numpy")!;
        // d = 10 keeps the test sharp with few seeds: the trace ratio's variance is 2(n−1)/(n²d) at t = 1.
        const int dim = 10, samples = 10, iterations = 2, seeds = 40;
        string real = _directory.File("real.jsonl"), test = _directory.File("test.jsonl");
        // A large real file: n lines drawn without replacement from it are, to O(n/M), n independent draws of the truth.
        RunPython(python, Example("gaussian/make_data.py"), "--dim", $"{dim}", "--n", "20000", "--seed", "1", "--out", real);
        RunPython(python, Example("gaussian/make_data.py"), "--dim", $"{dim}", "--n", "500", "--seed", "2", "--out", test);
        var setting = TaskCatalog.BuiltIn.Create("external", new Dictionary<string, string>
        {
            ["real"] = real, ["test"] = test, ["workdir"] = _directory.File("work"),
            ["fit"] = $"{python} {Example("gaussian/fit.py")} --train {{train}} --model {{model}}",
            ["sample"] = $"{python} {Example("gaussian/sample.py")} --model {{model}} --n {{n}} --out {{out}} --seed {{seed}}",
            ["score"] = $"{python} {Example("gaussian/score.py")} --model {{model}} --test {{test}}",
        });
        foreach (var workflow in new[] { "replace", "accumulate" })
        {
            var results = RunSeeds(setting, workflow, samples, iterations, seeds);
            for (int t = 1; t <= iterations; t++)
            {
                MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.CovTraceRatio, t), GaussianTheory.TraceRatio(WorkflowCatalog.BuiltIn.Create(workflow), samples, t)!.Value,
                    $"{workflow} cov_trace_ratio t={t}", 0.2);
                MonteCarlo.AssertMean(MonteCarlo.Values(results, MetricNames.MeanSqError, t), GaussianTheory.MeanSqError(WorkflowCatalog.BuiltIn.Create(workflow), dim, samples, 1, t)!.Value,
                    $"{workflow} mean_sq_error t={t}", 0.5);
            }
        }
    }

    [PythonFact("numpy, sklearn", "python3-sklearn")]
    public void ScikitLearnKdeExampleAgreesWithTheBuiltInKde()
    {
        string python = Python.With("numpy, sklearn")!;
        const int samples = 100, iterations = 2, seeds = 8;
        const string bandwidth = "0.3";
        string real = _directory.File("moons.jsonl"), test = _directory.File("moons-test.jsonl");
        RunPython(python, Example("kde/make_moons.py"), "--n", "20000", "--seed", "1", "--out", real);
        RunPython(python, Example("kde/make_moons.py"), "--n", "2000", "--seed", "2", "--out", test);
        var external = TaskCatalog.BuiltIn.Create("external", new Dictionary<string, string>
        {
            ["real"] = real, ["test"] = test, ["workdir"] = _directory.File("work"), ["param.bandwidth"] = bandwidth,
            ["fit"] = $"{python} {Example("kde/fit.py")} --train {{train}} --model {{model}} --bandwidth {{bandwidth}}",
            ["sample"] = $"{python} {Example("kde/sample.py")} --model {{model}} --n {{n}} --out {{out}} --seed {{seed}}",
            ["score"] = $"{python} {Example("kde/score.py")} --model {{model}} --test {{test}}",
        });
        var builtIn = TaskCatalog.BuiltIn.Create("kde", new Dictionary<string, string> { ["dataset"] = "moons", ["noise"] = "0.05", ["bandwidth"] = bandwidth });
        var theirs = RunSeeds(external, "replace", samples, iterations, seeds);
        var ours = MonteCarlo.Run(builtIn, WorkflowCatalog.BuiltIn.Create("replace"), samples, iterations, 400);
        for (int t = 1; t <= iterations; t++)
        {
            foreach (var metric in new[] { MetricNames.TestNll, MetricNames.TrainSpread })
            {
                var (a, seA) = MonteCarlo.MeanAndError(MonteCarlo.Values(theirs, metric, t));
                var (b, seB) = MonteCarlo.MeanAndError(MonteCarlo.Values(ours, metric, t));
                // The external runs share one test file: its own error (test_nll_se) does not average out over seeds.
                double fixedTest = metric == MetricNames.TestNll ? MonteCarlo.Values(theirs, "test_nll_se", t).Average() : 0;
                double se = Math.Sqrt(seA * seA + seB * seB + fixedTest * fixedTest);
                Assert.True(Math.Abs(a - b) <= 4 * se, $"{metric} t={t}: scikit-learn {a:G5} ± {seA:G2}, built-in {b:G5} ± {seB:G2}: {Math.Abs(a - b) / se:0.0} SE apart");
                double sharp = metric == MetricNames.TestNll ? 0.1 : 0.2; // the spread of 8 training sets of 100 points is noisier
                Assert.True(4 * se <= sharp * Math.Abs(b), $"{metric} t={t}: not sharp: 4 SE = {4 * se:G3} for a mean of {b:G3}");
            }
        }
    }
}
