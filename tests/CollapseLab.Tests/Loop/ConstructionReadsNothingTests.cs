using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Tasks;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Loop;

/// <summary>
/// A setting's constructor only stores its parameters (a store rebuilds settings on machines without their files);
/// <see cref="ITaskSetting.Validate()"/> is where a missing input is found, with a message naming the parameter and
/// the path. (The language model's corpora: CollapseLab.Lm.Tests, LmSettingTests.)
/// </summary>
public class ConstructionReadsNothingTests
{
    public static TheoryData<string, string, string> MissingInputs => new()
    {
        { "kde", "data", "absent.csv" },
        { "external", "real", "absent-real.jsonl" },
        { "external", "test", "absent-test.jsonl" },
    };

    [Theory]
    [MemberData(nameof(MissingInputs))]
    public void AMissingInputFileIsFoundByValidateNotByTheConstructor(string task, string parameter, string file)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("real.jsonl"), "1\n2\n3\n");
        File.WriteAllText(temp.File("test.jsonl"), "4\n");
        var given = task == "external"
            ? new Dictionary<string, string>
            {
                ["real"] = temp.File("real.jsonl"), ["test"] = temp.File("test.jsonl"), ["workdir"] = temp.File("work"),
                ["fit"] = "true {train} {model}", ["sample"] = "true {model} {n} {out}", ["score"] = "true {model} {test}",
            }
            : new Dictionary<string, string>();
        string missing = temp.File(file);
        given[parameter] = missing;

        var setting = TaskCatalog.BuiltIn.Create(task, given); // does not throw, reads nothing

        var e = Assert.Throws<InvalidParameterException>(setting.Validate);
        Assert.Equal(parameter, e.Parameter);
        Assert.Contains($"invalid {parameter} '{missing}'", e.Message);
        Assert.False(Directory.Exists(temp.File("work")), "validation created the work directory");
    }
}
