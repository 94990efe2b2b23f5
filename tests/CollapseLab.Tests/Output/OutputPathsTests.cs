using CollapseLab.Output;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Output;

public sealed class OutputPathsTests
{
    [Fact]
    public void Two_outputs_not_yet_written_are_the_same_file_through_a_linked_directory()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("report"));
        Directory.CreateSymbolicLink(directory.File("alias"), directory.File("report"));

        var error = Assert.Throws<UnsafeOutputException>(() => OutputPaths.EnsureApart(
            [new NamedPath("--store", directory.File("alias/index.html")), new NamedPath("the report file", directory.File("report/index.html"))], []));

        Assert.Contains("are the same file", error.Message);
        Assert.Empty(Directory.EnumerateFiles(directory.File("report")));
    }

    [Fact]
    public void Different_files_and_missing_inputs_pass()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("a.csv"), "a");
        File.WriteAllText(directory.File("b.csv"), "a");

        OutputPaths.EnsureApart([new NamedPath("--out", directory.File("b.csv")), new NamedPath("--out2", directory.File("c.csv"))],
            [new NamedPath("--data", directory.File("a.csv")), new NamedPath("--sft-data", directory.File("missing.jsonl"))]);
    }

    [Fact]
    public void Only_devices_and_fifos_are_special_files()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("plain"), "");
        File.CreateSymbolicLink(directory.File("to-null"), "/dev/null");

        Assert.True(OutputPaths.IsSpecialFile("/dev/null"));
        Assert.True(OutputPaths.IsSpecialFile(directory.File("to-null")));
        Assert.False(OutputPaths.IsSpecialFile(directory.File("plain")));
        Assert.False(OutputPaths.IsSpecialFile(directory.Path));
        Assert.False(OutputPaths.IsSpecialFile(directory.File("missing")));
    }
}
