using System.Diagnostics;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests;

/// <summary>
/// The build hard-links the NuGet cache's files into its outputs (to save disk), but never the compiler's own output:
/// the compiler rewrites <c>obj/…/X.dll</c> in place, so an output linked to it changed under a running
/// <c>collapse reproduce</c> whenever the solution was rebuilt beside it (the run died with "Bad IL range").
/// </summary>
public class BuildOutputTests
{
    [Fact]
    public void NoBuildOutputSharesTheFileTheCompilerRewrites()
    {
        var compiled = Directory.GetDirectories(Repository.File("src"))
            .Select(project => Path.Combine(project, "obj", "Release", "net10.0", Path.GetFileName(project) + ".dll"))
            .Where(File.Exists).ToArray();
        Assert.NotEmpty(compiled);
        Assert.All(compiled, dll => Assert.True(LinkCount(dll) == 1, $"{dll} has {LinkCount(dll)} hard links: a build output shares it"));
    }

    private static int LinkCount(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%h", path]) { RedirectStandardOutput = true })!;
        string output = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
