using System.Security.Cryptography;
using System.Text;
using CollapseLab.Loop;
using CollapseLab.Output;
using CollapseLab.Running;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Workflows;

/// <summary>
/// The reference workflows' output, bit for bit, as recorded when workflows became compositions of policies:
/// adding modifiers (fresh data, growth, curation, temperature) must not change a single bit of runs that do not
/// use them. A deliberate change to the Gaussian numerics updates these hashes in the same commit, with a reason.
/// Last update: <c>test_nll</c> from the test set's moments (O(d³), not O(m·d²)), which moved its values by ≤ 2e-15
/// relative; and a subsample's rows measured in one pass instead of merged per pool entry, which moved
/// accumulate-subsample's values by ≤ 1.4e-14 relative. Replace and accumulate kept every other bit.
/// Hashes are of the CSV of `collapse run gaussian --workflow W --dim 3 --samples 12 --iterations 20 --seeds 0-4`
/// on this project's machine kind (x86-64 with FMA; libm's exp and log).
/// </summary>
public class ReferenceWorkflowSnapshotTests
{
    [Theory]
    [InlineData("replace", "122156499aeaf7d84ec36c1a45282fbb0dc65bae4a11547bec2db6188883dfd8")]
    [InlineData("accumulate", "5e321a37a6209ca2dd811918cdf4e736a0a72f2be3d81c2b34d4d894d2092eb7")]
    [InlineData("accumulate-subsample", "eed1a5ca6cb8c1eab76692140e2e2f0ae719a5c9aabfe5ecbf03699ee2aa0e94")]
    public void OutputIsBitIdenticalToTheRecordedSnapshot(string workflow, string sha256)
    {
        var task = new GaussianSetting(new() { Dim = 3 });
        var specs = Enumerable.Range(0, 5).Select(s => RunSpec.Create(task, WorkflowCatalog.BuiltIn.Create(workflow), 12, 20, (ulong)s)).ToArray();
        var csv = new StringWriter();
        CsvExporter.Write(Runner.Run(specs), csv);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv.ToString()))));
    }

    [Fact]
    public void ModifiersAtTheirDefaultsLeaveTheRunKeyUnchanged()
    {
        var plain = WorkflowCatalog.BuiltIn.Create("accumulate");
        var explicitDefaults = WorkflowCatalog.BuiltIn.Create("accumulate", new Dictionary<string, string> { ["fresh-real"] = "0", ["growth"] = "constant", ["curate"] = "none" });
        var task = new GaussianSetting(new() { Dim = 2 });
        Assert.Equal(RunSpec.Create(task, plain, 10, 5, 1).Key, RunSpec.Create(task, explicitDefaults, 10, 5, 1).Key);
        Assert.Empty(plain.Parameters.Canonical);
    }
}
