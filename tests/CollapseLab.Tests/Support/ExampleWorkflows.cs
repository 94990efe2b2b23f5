using CollapseLab.Workflows;

namespace CollapseLab.Tests.Support;

/// <summary>Every workflow in the catalog with the parameters it needs to be built.</summary>
public static class ExampleWorkflows
{
    public static IWorkflow Create(string name) => WorkflowCatalog.Create(name, name switch
    {
        "fresh" => new Dictionary<string, string> { ["fresh-real"] = "3" },
        "keep-real-subsample" => new Dictionary<string, string> { ["train-size"] = "15" },
        _ => null,
    });

    public static IEnumerable<IWorkflow> All => WorkflowCatalog.All.Select(w => Create(w.Name));
}
