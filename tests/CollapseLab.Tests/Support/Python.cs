using System.Diagnostics;

namespace CollapseLab.Tests.Support;

/// <summary>A Python interpreter with the modules a test needs: Debian's /usr/bin/python3 first (where python3-sklearn installs), then python3 on PATH.</summary>
public static class Python
{
    private static readonly Dictionary<string, string?> Found = [];

    /// <summary>The interpreter that imports every module of <paramref name="modules"/> (comma-separated), or null.</summary>
    public static string? With(string modules)
    {
        lock (Found)
        {
            if (!Found.TryGetValue(modules, out var interpreter))
                Found[modules] = interpreter = new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(p => Imports(p, modules));
            return interpreter;
        }
    }

    private static bool Imports(string interpreter, string modules)
    {
        try
        {
            var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import " + modules);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no such interpreter
        }
    }
}

/// <summary>A fact that is skipped, with the reason shown, where no Python has <see cref="Modules"/> (./test installs them where it can).</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute(string modules, string debianPackages)
    {
        Modules = modules;
        if (Python.With(modules) is null)
            Skip = $"no python3 that imports {modules} (Debian: apt-get install {debianPackages}; ./test installs it where it can)";
    }

    public string Modules { get; }
}
