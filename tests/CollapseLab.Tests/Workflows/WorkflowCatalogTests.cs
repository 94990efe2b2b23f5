using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Reports;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Workflows;

/// <summary>Catalogues are values the caller builds: report order comes from them, and adding an entry changes no other catalogue.</summary>
public sealed class WorkflowCatalogTests
{
    private static RunResult Stored(IWorkflow workflow) => new(RunSpec.Create(new GaussianSetting(), workflow, 10, 2, 0), [], null, TimeSpan.Zero);

    [Fact]
    public void Report_order_is_the_catalogues_order_with_modified_workflows_last()
    {
        var runs = new[]
        {
            Stored(WorkflowCatalog.BuiltIn.Create("replace", new Dictionary<string, string> { ["fresh-real"] = "2" })),
            Stored(new Accumulate()), Stored(new Replace()), Stored(new AccumulateSubsample()),
        };
        Assert.Equal(["replace", "accumulate-subsample", "accumulate", "replace"], RunGroup.From(runs, TaskCatalog.BuiltIn).Select(g => g.Workflow));

        var reversed = TaskCatalog.BuiltIn.With(new WorkflowCatalog(WorkflowCatalog.BuiltIn.All.Reverse()));
        var groups = RunGroup.From(runs, reversed);
        Assert.Equal(["accumulate", "accumulate-subsample", "replace", "replace"], groups.Select(g => g.Workflow));
        Assert.NotEmpty(groups[^1].WorkflowParameters); // the one with fresh real data
    }

    [Fact]
    public void A_workflow_defined_by_a_caller_joins_its_catalogue_only()
    {
        var info = new WorkflowInfo("real-only", "train on the real data every iteration", [], p => new RealOnly(p));
        var catalog = WorkflowCatalog.BuiltIn.With(info);
        Assert.IsType<RealOnly>(catalog.Create("real-only"));
        Assert.Equal(catalog.All.Count - 1, catalog.Rank(catalog.Create("real-only"))); // after the built-in ones
        Assert.Throws<InvalidParameterException>(() => WorkflowCatalog.BuiltIn.Create("real-only"));
    }

    [Fact]
    public void A_catalogue_refuses_a_name_twice()
    {
        Assert.Throws<ArgumentException>(() => TaskCatalog.BuiltIn.With(GaussianSetting.Info with { Name = "GAUSSIAN" }));
        Assert.Throws<ArgumentException>(() => WorkflowCatalog.BuiltIn.With(WorkflowCatalog.BuiltIn.Find("replace")));
    }

    private sealed class RealOnly(ParameterValues parameters) : Workflow("real-only", parameters)
    {
        public override Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, CollapseLab.Random.Rng rng) => Selection.Whole([0]);
    }
}
