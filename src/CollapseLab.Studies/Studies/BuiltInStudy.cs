using System.Reflection;
using System.Text.RegularExpressions;
using CollapseLab.Loop;
using CollapseLab.Sweeps;
using CollapseLab.Tasks;

namespace CollapseLab.Studies;

/// <summary>
/// The study <c>collapse reproduce</c> runs: every sweep file in the repository's <c>sweeps/reproduce/quick/</c> or
/// <c>sweeps/reproduce/paper/</c>, embedded in this library at build time. Adding a task setting to the study is
/// adding its sweep file there. A file whose task the caller's catalogue does not hold (a setting from another assembly
/// the caller does not use), or whose task the caller leaves out (its data could not be fetched), is left out and named in
/// <see cref="Skipped"/>.
/// </summary>
public sealed class BuiltInStudy
{
    private const string ResourcePrefix = "studies/";

    /// <summary>Which of the study's sizes: <c>quick</c> (minutes) or <c>paper</c> (the reference's grids).</summary>
    public StudyScale Scale { get; }

    /// <summary>The study's sweep files, in name order.</summary>
    public IReadOnlyList<SweepSpec> Sweeps => Parts.Select(p => p.Sweep).ToArray();

    /// <summary>The study's parts: each sweep file with its name (e.g. <c>sweeps/reproduce/paper/kde-bandwidth.yaml</c>) and runs, in name order.</summary>
    public IReadOnlyList<StudyPart> Parts { get; }

    /// <summary>Every run of every sweep, without duplicates, in file order.</summary>
    public IReadOnlyList<RunSpec> Runs { get; }

    /// <summary>Sweep files left out, with the reason.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>The task settings and workflows the study's sweep files were read with.</summary>
    public TaskCatalog Catalog { get; }

    /// <summary>
    /// The built-in study at <paramref name="scale"/> over the tasks of <paramref name="catalog"/> (a file whose task it
    /// lacks is skipped), without the tasks in <paramref name="leftOut"/> (task → why).
    /// </summary>
    /// <exception cref="SweepException">An embedded sweep file is invalid (a build defect; tests catch it). Building the
    /// settings reads nothing: their data are checked by <see cref="ITaskSetting.Validate()"/> before runs start.</exception>
    public BuiltInStudy(StudyScale scale, TaskCatalog catalog, IReadOnlyDictionary<string, string>? leftOut = null) : this(scale, Files(scale), catalog, leftOut)
    {
    }

    /// <summary>A study made of the given sweep files (tests use small ones).</summary>
    internal BuiltInStudy(StudyScale scale, IReadOnlyList<(string Name, string Yaml)> files, TaskCatalog catalog, IReadOnlyDictionary<string, string>? leftOut = null)
    {
        Scale = scale;
        Catalog = catalog;
        var parts = new List<StudyPart>();
        var skipped = new List<string>();
        foreach (var (name, yaml) in files)
        {
            if (TaskOf(yaml) is { } task && !catalog.Contains(task))
            {
                skipped.Add($"{name}: task '{task}' is not in the catalogue (not available in this build)");
                continue;
            }
            if (TaskOf(yaml) is { } omitted && leftOut?.GetValueOrDefault(omitted) is { } reason)
            {
                skipped.Add($"{name}: {reason}");
                continue;
            }
            var sweep = SweepFile.Parse(yaml, name, catalog);
            parts.Add(new StudyPart(name, sweep, sweep.Expand()));
        }
        Parts = parts;
        Skipped = skipped;
        Runs = parts.SelectMany(p => p.Runs).DistinctBy(r => r.Id).ToArray();
    }

    /// <summary>The embedded sweep files of <paramref name="scale"/> as (repository path, YAML text), in name order.</summary>
    public static IReadOnlyList<(string Name, string Yaml)> Files(StudyScale scale)
    {
        var assembly = typeof(BuiltInStudy).Assembly;
        string prefix = $"{ResourcePrefix}{FolderOf(scale)}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Replace('\\', '/').StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => ($"sweeps/reproduce/{n[ResourcePrefix.Length..].Replace('\\', '/')}", Read(assembly, n)))
            .ToArray();
    }

    /// <summary>
    /// The embedded sweep file <paramref name="fileName"/> (e.g. <c>gaussian.yaml</c>) of <paramref name="scale"/>, parsed:
    /// the one grid that <c>reproduce</c> runs and <c>bench</c> times, naming tasks and workflows of <paramref name="catalog"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The scale has no such file.</exception>
    public static SweepSpec Sweep(StudyScale scale, string fileName, TaskCatalog catalog)
    {
        string name = $"sweeps/reproduce/{FolderOf(scale)}/{fileName}";
        var files = Files(scale);
        var (_, yaml) = files.FirstOrDefault(f => f.Name == name);
        if (yaml is null)
            throw new ArgumentException($"no built-in sweep file {name}; the {FolderOf(scale)} study has {string.Join(", ", files.Select(f => Path.GetFileName(f.Name)))}", nameof(fileName));
        return SweepFile.Parse(yaml, name, catalog);
    }

    /// <summary>"quick" or "paper": the folder and the CLI's name of <paramref name="scale"/>.</summary>
    public static string FolderOf(StudyScale scale) => scale.ToString().ToLowerInvariant();

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The value of a top-level <c>task:</c> line, or null (a file naming its task by <c>program:</c>).</summary>
    internal static string? TaskOf(string yaml) =>
        Regex.Match(yaml, @"^task:\s*([A-Za-z0-9_-]+)\s*(#.*)?$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;
}

/// <summary>One sweep file of a built-in study: its name, its grid and the runs it expands to.</summary>
public sealed record StudyPart(string Name, SweepSpec Sweep, IReadOnlyList<RunSpec> Runs);
