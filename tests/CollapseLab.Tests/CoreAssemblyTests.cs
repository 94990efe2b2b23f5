using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using CollapseLab.Loop;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests;

/// <summary>
/// The core (src/CollapseLab) stays light: a script that only simulates gets MathNet.Numerics and
/// System.Numerics.Tensors, never the store's DuckDB, the figures' ScottPlot/Skia or the sweep files' YamlDotNet
/// (those are CollapseLab.Studies').
/// </summary>
public class CoreAssemblyTests
{
    private static readonly string[] StudiesOnly = ["DuckDB", "ScottPlot", "SkiaSharp", "YamlDotNet", "CollapseLab.Studies"];

    private static bool IsStudiesOnly(string name) => StudiesOnly.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every assembly the core's code references, directly or through the packages it references (framework ones not followed).</summary>
    private static SortedSet<string> ReferencedClosure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        string framework = RuntimeEnvironment.GetRuntimeDirectory();
        while (pending.TryPop(out var assembly))
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!)) continue;
                var loaded = Assembly.Load(reference);
                if (!loaded.Location.StartsWith(framework, StringComparison.Ordinal)) pending.Push(loaded);
            }
        return seen;
    }

    [Fact]
    public void CoreCodeReferencesNoStudiesDependency()
    {
        var closure = ReferencedClosure(typeof(GenerationLoop).Assembly);
        Assert.Contains("MathNet.Numerics", closure);
        Assert.DoesNotContain(closure, IsStudiesOnly);
    }

    /// <summary>
    /// The packages the core's build resolved (its .deps.json), so that a package reference the code does not use yet
    /// fails too: exactly MathNet.Numerics and System.Numerics.Tensors.
    /// </summary>
    [Fact]
    public void CoreResolvesOnlyMathNetAndTensors()
    {
        string configuration = typeof(CoreAssemblyTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string depsFile = Repository.File($"src/CollapseLab/bin/{configuration}/net10.0/CollapseLab.deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var packages = deps.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name.Split('/')[0]).Where(name => name != "CollapseLab").Order(StringComparer.Ordinal);
        Assert.Equal(["MathNet.Numerics", "System.Numerics.Tensors"], packages);
    }
}
