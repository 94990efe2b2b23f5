using System.Diagnostics;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests;

/// <summary>
/// The build and publish hard-link the NuGet cache's files into their outputs (to save disk), but never the compiler's
/// own output: the compiler rewrites <c>obj/…/X.dll</c> and its symbols in place, so an output linked to them changed
/// under a running <c>collapse reproduce</c> whenever the solution was rebuilt beside it (the run died with "Bad IL
/// range"). Publish's copies (the tool that <c>dotnet pack</c> publishes) are unlinked by Directory.Build.targets.
/// </summary>
public class BuildOutputTests
{
    [Fact]
    public void NoOutputSharesTheFilesTheCompilerRewrites()
    {
        var compiled = Directory.GetDirectories(Repository.File("src"))
            .Select(project => Path.Combine(project, "obj", "Release"))
            .Where(Directory.Exists)
            .SelectMany(obj => Directory.EnumerateFiles(obj, "*", SearchOption.AllDirectories))
            .Where(file => Path.GetExtension(file) is ".dll" or ".pdb")
            .ToArray();
        Assert.Contains(compiled, file => Path.GetFileName(file) == "collapse.dll"); // the CLI's, under its runtime folder
        var counts = LinkCounts(compiled);
        Assert.Equal(compiled.Length, counts.Length);
        Assert.All(counts, file => Assert.True(file.Links == 1, $"{file.Path} has {file.Links} hard links: an output shares it"));
    }

    private static (int Links, string Path)[] LinkCounts(string[] paths)
    {
        var start = new ProcessStartInfo("stat", ["-c", "%h %n", .. paths]) { RedirectStandardOutput = true };
        using var stat = Process.Start(start)!;
        string output = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Select(parts => (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]))
            .ToArray();
    }
}
