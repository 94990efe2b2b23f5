using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Sweeps;
using CollapseLab.Tasks;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Sweeps;

public class SweepFileTests
{
    /// <summary>The reference study's format, keys exactly as in its sweep files (the issue's example).</summary>
    private const string ReferenceGaussian = """
        program: src/fit_gaussians/fit_gaussians.py
        method: grid
        parameters:
          data_dim: {values: [1, 3, 10]}
          num_samples_per_iteration: {values: [10, 100]}
          num_iterations: {values: [100]}
          seed: {values: [0, 1, 2]}
          setting: {values: ["Accumulate", "Replace"]}
          sigma_squared: {values: [1.0]}
        """;

    private static RunSpec Gaussian(string workflow, int dim, int samples, int iterations, ulong seed, double sigma2 = 1) =>
        RunSpec.Create(TaskCatalog.BuiltIn.Create("gaussian", new Dictionary<string, string> { ["dim"] = $"{dim}", ["sigma2"] = ParameterSpec.Format(sigma2) }),
            WorkflowCatalog.BuiltIn.Create(workflow), samples, iterations, seed);

    [Fact]
    public void ReferenceFormatRunsUnchangedThroughAliases()
    {
        var spec = SweepFile.Parse(ReferenceGaussian, "fit_gaussians.yaml", TaskCatalog.BuiltIn);
        Assert.Equal("gaussian", spec.Task);
        Assert.Equal(["dim", "samples", "iterations", "seed", "workflow", "sigma2"], spec.Axes.Select(a => a.Parameter));
        var runs = spec.Expand();
        Assert.Equal(3 * 2 * 3 * 2, runs.Count);
        Assert.Equal(runs.Count, runs.Select(r => r.Id).Distinct().Count());
        Assert.Contains(runs, r => r.Id == Gaussian("accumulate", 10, 100, 100, 2).Id);
        Assert.Contains(runs, r => r.Id == Gaussian("replace", 1, 10, 100, 0).Id);
        Assert.All(runs, r => Assert.Contains(r.Workflow.Name, new[] { "accumulate", "replace" }));
    }

    [Theory]
    [InlineData("src/fit_discrete_distributions/fit_discrete_distributions.py", "num_outcomes: {values: [10, 100]}", "discrete", "outcomes")]
    [InlineData("src/fit_linear_regressions/fit_linear_regressions.py", "data_dim: {values: [10, 100]}\n  sigma_squared: {values: [1.0]}", "linreg", "dim")]
    public void ReferenceDiscreteAndLinearRegressionFilesRunThroughAliases(string program, string taskAxes, string task, string axis)
    {
        var yaml = $"program: {program}\nmethod: grid\nparameters:\n  {taskAxes}\n  num_samples_per_iteration: {{values: [20]}}\n  num_iterations: {{values: [5]}}\n  seed: {{values: [0, 1]}}\n  setting: {{values: [\"Accumulate\", \"Replace\"]}}\n";
        var spec = SweepFile.Parse(yaml, "reference.yaml", TaskCatalog.BuiltIn);
        Assert.Equal(task, spec.Task);
        var runs = spec.Expand();
        Assert.Equal(2 * 2 * 2, runs.Count);
        Assert.All(runs, r => Assert.Equal(task, r.Task.Name));
        Assert.Equal(["10", "100"], runs.Select(r => r.Task.Parameters.Text(axis)).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReferenceKdeFormatMapsNestedDataConfigAndDropsTheGaussianKernel()
    {
        var spec = SweepFile.Parse(System.IO.File.ReadAllText(Repository.File("sweeps/reference/fit_kdes_blobs.yaml")), "fit_kdes_blobs.yaml", TaskCatalog.BuiltIn);
        Assert.Equal("kde", spec.Task);
        var axes = spec.Axes.ToDictionary(a => a.Parameter, a => a.Values.Select(v => v.Text).ToArray());
        Assert.Equal(["blobs"], axes["dataset"]);
        Assert.Equal(["2"], axes["features"]);
        Assert.Equal(["0.1", "0.5", "1.0"], axes["bandwidth"]);
        Assert.Equal(["Accumulate", "Replace"], axes["workflow"]);
        Assert.Equal(100, axes["seed"].Length);
        Assert.DoesNotContain("kernel", axes.Keys);
    }

    [Fact]
    public void OwnFormatExampleExpandsToTheReferenceGrid()
    {
        var runs = SweepFile.Load(Repository.File("sweeps/reproduce/paper/gaussian.yaml"), TaskCatalog.BuiltIn).Expand();
        Assert.Equal(5 * 5 * 3 * 100, runs.Count);
        Assert.Contains(runs, r => r.Id == Gaussian("accumulate-subsample", 31, 316, 100, 99).Id);
        Assert.Equal(runs.Count, runs.Select(r => r.Id).Distinct().Count());
    }

    /// <summary>
    /// One file per grid: no two of CollapseLab's own sweep files (sweeps/reference/ holds the reference study's, in its
    /// format) are the same once comments and blank lines are dropped, so a grid is edited in one place.
    /// </summary>
    [Fact]
    public void NoTwoOwnSweepFilesAreTheSameGrid()
    {
        string root = Repository.File("sweeps");
        var files = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).StartsWith("reference", StringComparison.Ordinal)).ToArray();
        Assert.Contains(files, f => f.EndsWith("reproduce/paper/gaussian.yaml", StringComparison.Ordinal));
        var duplicates = files.GroupBy(f => string.Join('\n', System.IO.File.ReadLines(f)
                .Select(line => line.Split('#')[0].TrimEnd()).Where(line => line.Length > 0)))
            .Where(g => g.Count() > 1).Select(g => string.Join(" = ", g.Select(f => Path.GetRelativePath(root, f)).Order()));
        Assert.Empty(duplicates);
    }

    [Fact]
    public void AnyTaskParameterIsAnAxisIncludingTasksOfTheCallersCatalogue()
    {
        var runs = SweepFile.Parse("""
            task: test-throwing
            parameters:
              fail-seed: {values: [1, 2]}
              samples: {value: 5}
              iterations: {value: 3}
              seeds: {value: "0-4,7"}
            """, "t.yaml", ThrowingSetting.Catalog).Expand();
        Assert.Equal(2 * 6, runs.Count);
        Assert.Equal(["1", "2"], runs.Select(r => r.Task.Parameters.Text("fail-seed")).Distinct());
        Assert.Equal([0UL, 1, 2, 3, 4, 7], runs.Select(r => r.Seed).Distinct());
    }

    [Fact]
    public void WorkflowParametersApplyToTheWorkflowsThatDeclareThem()
    {
        var runs = SweepFile.Parse("""
            task: gaussian
            parameters:
              workflow: {values: [replace, window]}
              window: {values: [2, 3]}
              fresh-real: {values: [0, 5]}
              samples: {value: 10}
              iterations: {value: 4}
            """, "t.yaml", TaskCatalog.BuiltIn).Expand();
        // replace ignores window (its two values coincide); fresh-real is a modifier of every workflow.
        Assert.Equal((1 + 2) * 2, runs.Count);
        Assert.Equal(2, runs.Count(r => r.Workflow.Name == "replace"));
        Assert.Equal(["2", "3"], runs.Where(r => r.Workflow.Name == "window").Select(r => r.Workflow.Parameters.Text("window")).Distinct().Order());

        var e = Assert.Throws<SweepException>(() => SweepFile.Parse("task: gaussian\nparameters:\n  window: {value: 3}", "t.yaml", TaskCatalog.BuiltIn).Expand());
        Assert.Contains("applies to none of this sweep's workflows (replace)", e.Message);
    }

    [Fact]
    public void DefaultsFillParametersWithoutAxisAndRepeatedValuesRunOnce()
    {
        var runs = SweepFile.Parse("""
            task: gaussian
            parameters:
              dim: {values: [2, 2, 3]}
              samples: {value: 20}
            """, "t.yaml", TaskCatalog.BuiltIn).Expand();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(("replace", 100, 0UL), (r.Workflow.Name, r.Iterations, r.Seed)));
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        // yaml (the marked token «…» is where the error must point), message fragment
        { "task: gaussian\n«foo»: 1\nparameters:\n  dim: {value: 1}", "unknown key 'foo'", "" },
        { "task: gaussian\nparameters:\n  «dimm»: {value: 1}", "unknown parameter 'dimm' for task gaussian", "" },
        { "task: gaussian\nparameters:\n  dim: {values: [1, «2.5»]}", "invalid dim '2.5'", "an integer ≥ 1" },
        { "task: gaussian\nparameters:\n  dim: {values: «[]»}", "empty grid", "" },
        { "task: gaussian\nparameters: «{}»", "empty grid", "" },
        { "task: gaussian\nmethod: «random»\nparameters:\n  dim: {value: 1}", "only method: grid", "" },
        { "task: gaussian\nparameters:\n  dim: {«distribution»: int_uniform, min: 1, max: 3}", "random or Bayesian", "" },
        { "task: gaussian\nparameters:\n  workflow: {values: [replace, «acumulate»]}", "unknown workflow 'acumulate'", "" },
        { "task: gaussian\nparameters:\n  samples: {value: «1»}", "invalid samples 1 for task gaussian", "≥ 2" },
        { "task: gaussian\nparameters:\n  dim: {value: 1}\n  «data_dim»: {value: 2}", "given twice", "" },
        { "task: gaussian\nparameters:\n  kernel: {value: «tophat»}", "only the gaussian kernel", "" },
        { "task: gaussian\nparameters:\n  dim: «3»", "expected {values: [...]}", "" },
        { "task: gaussian\nparameters:\n  dim: {values: [«[1, 2]»]}", "found a list", "" },
        { "task: gaussian\nparameters:\n  seeds: {value: «5-2»}", "invalid seed '5-2'", "runs backwards" },
        { "task: «kdee»\nparameters:\n  dim: {value: 1}", "unknown task 'kdee'", "" },
        { "program: «src/fit_other.py»\nparameters:\n  dim: {value: 1}", "cannot tell the task", "" },
        { "task: gaussian\nparameters:\n  samples: {values: «[»10, 32\n  dim: {value: 1}\n", "not valid YAML", "'[' opened here is never closed" },
        { "task: gaussian\nparameters:\n  samples:\n    values: «[»10, 32", "not valid YAML", "(the file ends first)" },
        { "task: gaussian\nparameters:\n  samples: «{»values: [10, 32]\n", "not valid YAML", "'{' opened here is never closed" },
        { "task: gaussian\nparameters:\n«\t»samples: {value: 10}\n", "not valid YAML", "tab as indentation" },
        { "task: gaussian\nparameters:\n  samples:\n    value: 10\n  dim:\n«\t»  value: 1\n", "not valid YAML", "tab as indentation" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void ErrorsNameFileLineAndColumn(string marked, string fragment, string alsoContains)
    {
        string yaml = marked.Replace("«", "").Replace("»", "");
        var (line, column) = Position(marked);
        var e = Assert.Throws<SweepException>(() => SweepFile.Parse(yaml, "bad.yaml", TaskCatalog.BuiltIn).Expand());
        Assert.Equal(new SourceLocation("bad.yaml", line, column), e.Location);
        Assert.StartsWith($"bad.yaml:{line}:{column}: ", e.Message);
        Assert.Contains(fragment, e.Message);
        Assert.Contains(alsoContains, e.Message);
    }

    [Fact]
    public void MalformedYamlIsReportedWithItsPosition()
    {
        var e = Assert.Throws<SweepException>(() => SweepFile.Parse("task: gaussian\nparameters:\n  dim: {values: [1, 2}\n", "bad.yaml", TaskCatalog.BuiltIn));
        Assert.Contains("not valid YAML", e.Message);
        Assert.Equal(3, e.Location!.Line);
    }

    [Fact]
    public void MissingTaskAndBookkeepingKeys()
    {
        Assert.Contains("no task", Assert.Throws<SweepException>(() => SweepFile.Parse("parameters:\n  dim: {value: 1}", "x.yaml", TaskCatalog.BuiltIn)).Message);
        var spec = SweepFile.Parse("name: n\ndescription: d\nentity: e\nproject: p\nmetric: {name: test_nll, goal: minimize}\ntask: gaussian\nparameters:\n  dim: {value: 2}", "x.yaml", TaskCatalog.BuiltIn);
        Assert.Single(spec.Expand());
    }

    /// <summary>1-based line and column of the « marker.</summary>
    private static (int Line, int Column) Position(string marked)
    {
        int index = marked.IndexOf('«');
        string before = marked[..index];
        int line = before.Count(c => c == '\n') + 1;
        int column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }
}
