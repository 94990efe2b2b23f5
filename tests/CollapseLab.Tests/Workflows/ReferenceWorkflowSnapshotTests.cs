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
/// Hashes are of the CSV of `collapse run gaussian --workflow W --dim 3 --samples 12 --iterations 20 --seeds 0-4`
/// on this project's machine kind (x86-64 with FMA; libm's exp and log).
/// </summary>
public class ReferenceWorkflowSnapshotTests
{
    [Theory]
    [InlineData("replace", "0cc5a69d23a3172c3f905be11ced618eba86fd31ad1dda89f554f9baacfc8615")]
    [InlineData("accumulate", "e5e7d44e83cb8a9822a56cbd9f4984b98d96672a328a81959362a74bd2162026")]
    [InlineData("accumulate-subsample", "86f3f8b17e5fd13f299203925d92f3ccca52093d12e9f40e9662e84fb8941778")]
    public void OutputIsBitIdenticalToTheRecordedSnapshot(string workflow, string sha256)
    {
        var task = new GaussianSetting(dim: 3);
        var specs = Enumerable.Range(0, 5).Select(s => RunSpec.Create(task, WorkflowCatalog.Create(workflow), 12, 20, (ulong)s)).ToArray();
        var csv = new StringWriter();
        CsvExporter.Write(Runner.Run(specs), csv);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv.ToString()))));
    }

    [Fact]
    public void ModifiersAtTheirDefaultsLeaveTheRunKeyUnchanged()
    {
        var plain = WorkflowCatalog.Create("accumulate");
        var explicitDefaults = WorkflowCatalog.Create("accumulate", new Dictionary<string, string> { ["fresh-real"] = "0", ["growth"] = "constant", ["curate"] = "none" });
        var task = new GaussianSetting(dim: 2);
        Assert.Equal(RunSpec.Create(task, plain, 10, 5, 1).Key, RunSpec.Create(task, explicitDefaults, 10, 5, 1).Key);
        Assert.Empty(plain.Parameters.Canonical);
    }
}
