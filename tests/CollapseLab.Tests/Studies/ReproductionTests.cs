using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Store;
using CollapseLab.Studies;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Studies;

public sealed class ReproductionTests
{
    private static BuiltInStudy Tiny() => new(StudyScale.Quick,
    [
        ("sweeps/reproduce/quick/gaussian.yaml", """
            task: gaussian
            parameters:
              workflow: {values: [replace, accumulate-subsample, accumulate]}
              samples: {value: 10}
              iterations: {value: 6}
              seeds: {value: "0-5"}
            """),
    ], TaskCatalog.BuiltIn);

    [Fact]
    public void Runs_into_a_store_resumes_and_reports_only_the_study()
    {
        using var directory = new TempDirectory();
        var study = Tiny();
        using var store = ResultStore.Open(directory.File("study.duckdb"));

        // a run of another study in the same store must not reach the report
        var other = new GaussianSetting(new() { Dim = 2 });
        var stranger = other.Run(RunSpec.Create(other, new Replace(), 10, 3, 0));
        store.Write([stranger], threads: 1);

        var first = Reproduction.Run(study, store, threads: 2);
        Assert.Equal((18, 0, 0), (first.Completed, first.Skipped, first.Failed));
        var again = Reproduction.Run(study, store, threads: 2);
        Assert.Equal((0, 18, 0), (again.Completed, again.Skipped, again.Failed));

        var report = Reproduction.BuildReport(study, store);
        Assert.Equal(18, report.RunCount);
        Assert.Equal(3, report.Verdicts.Count);
        Assert.All(report.Groups, g => Assert.Equal("1", g.TaskParameter("dim")));
        string index = ReportWriter.Write(report, directory.File("report"));
        Assert.True(File.Exists(index));
    }

    [Fact]
    public void Default_store_names_the_scale()
    {
        Assert.Equal("reproduce-quick.duckdb", Reproduction.DefaultStore(StudyScale.Quick));
        Assert.Equal("reproduce-paper.duckdb", Reproduction.DefaultStore(StudyScale.Paper));
    }
}
