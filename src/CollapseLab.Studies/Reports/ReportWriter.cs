using System.Text;
using CollapseLab.Output;

namespace CollapseLab.Reports;

/// <summary>
/// Writes a <see cref="Report"/> to a directory: <c>index.html</c> (self-contained), <c>figures/NAME.png</c> and
/// <c>figures/NAME.svg</c> for every figure, <c>aggregates.csv</c> and <c>verdicts.csv</c>. Each file appears whole
/// or not at all; figure files of an earlier report that this one no longer has are removed.
/// </summary>
public static class ReportWriter
{
    /// <summary>The subdirectory of the report that holds the figure files.</summary>
    public const string FigureFolder = "figures";

    /// <summary>Writes <paramref name="report"/> into <paramref name="directory"/> (created if needed) and returns the path of index.html.</summary>
    /// <param name="report">The report to write.</param>
    /// <param name="directory">The report's directory.</param>
    /// <param name="inputs">Files the report was made from (its store): refused as targets, even through links.</param>
    /// <param name="live">For a live view of a running sweep (the page reloads itself), else null.</param>
    /// <exception cref="UnsafeOutputException">A file the report would write or remove is one of <paramref name="inputs"/>; nothing was written.</exception>
    public static string Write(Report report, string directory, IEnumerable<NamedPath>? inputs = null, LiveView? live = null)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new UnsafeOutputException("the report directory: an empty path names no directory");
        var figures = Path.Combine(directory, FigureFolder);
        var targets = new[] { "index.html", "aggregates.csv", "verdicts.csv" }.Select(f => Path.Combine(directory, f))
            .Concat(report.Figures.SelectMany(f => new[] { f.Name + ".png", f.Name + ".svg" }).Select(f => Path.Combine(figures, f)))
            .Concat(Directory.Exists(figures) ? Directory.EnumerateFiles(figures).Where(IsFigureFile) : [])
            .Distinct()
            .Select(f => new NamedPath("the report file", f));
        OutputPaths.EnsureApart(targets, inputs ?? []);
        Directory.CreateDirectory(figures);
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var figure in report.Figures)
        {
            WriteBytes(Path.Combine(figures, figure.Name + ".png"), figure.Png);
            WriteBytes(Path.Combine(figures, figure.Name + ".svg"), Encoding.UTF8.GetBytes(figure.Svg));
            current.Add(figure.Name + ".png");
            current.Add(figure.Name + ".svg");
        }
        foreach (var stale in Directory.EnumerateFiles(figures).Where(IsFigureFile))
            if (!current.Contains(Path.GetFileName(stale))) File.Delete(stale);

        WriteText(Path.Combine(directory, "aggregates.csv"), writer => ReportCsv.WriteAggregates(report.Groups, writer));
        WriteText(Path.Combine(directory, "verdicts.csv"), writer => ReportCsv.WriteVerdicts(report.Verdicts, writer));
        var index = Path.Combine(directory, "index.html");
        WriteText(index, writer => writer.Write(HtmlReport.Render(report, FigureFolder, live)));
        return Path.GetFullPath(index);
    }

    private static bool IsFigureFile(string path) => path.EndsWith(".png") || path.EndsWith(".svg");

    private static void WriteBytes(string path, byte[] bytes)
    {
        using var file = new AtomicFile(path);
        file.Stream.Write(bytes);
        file.Commit();
    }

    private static void WriteText(string path, Action<TextWriter> write)
    {
        using var file = new AtomicFile(path);
        using (var writer = new StreamWriter(file.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
            write(writer);
        file.Commit();
    }
}
