using CollapseLab.Tests.Loop;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Support;

/// <summary>Every workflow in the catalog with the parameters it needs to be built (the shared suite's fixture).</summary>
public static class ExampleWorkflows
{
    public static IWorkflow Create(string name) => SettingChecks.Workflows().Single(w => w.Name == name);

    public static IEnumerable<IWorkflow> All => SettingChecks.Workflows();
}
