namespace CollapseLab.Tests.Support;

/// <summary>Paths in the source tree and of the built CLI, for tests that read example files or run <c>collapse</c>.</summary>
public static class Repository
{
    /// <summary>The repository root (the folder holding CollapseLab.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path relative to the repository root.</summary>
    public static string File(string relative) => Path.Combine(Root, relative);

    /// <summary>The CLI built beside the tests (the test project references it).</summary>
    public static string CollapseDll => Path.Combine(AppContext.BaseDirectory, "collapse.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "CollapseLab.sln"))) return directory.FullName;
        throw new InvalidOperationException("CollapseLab.sln not found above " + AppContext.BaseDirectory);
    }
}
