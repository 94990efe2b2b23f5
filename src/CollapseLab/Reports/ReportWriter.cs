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
    public const string FigureFolder = "figures";

    /// <summary>Writes <paramref name="report"/> into <paramref name="directory"/> (created if needed) and returns the path of index.html.</summary>
    /// <param name="live">For a live view of a running sweep (the page reloads itself), else null.</param>
    public static string Write(Report report, string directory, LiveView? live = null)
    {
        var figures = Path.Combine(directory, FigureFolder);
        Directory.CreateDirectory(figures);
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var figure in report.Figures)
        {
            WriteBytes(Path.Combine(figures, figure.Name + ".png"), figure.Png);
            WriteBytes(Path.Combine(figures, figure.Name + ".svg"), Encoding.UTF8.GetBytes(figure.Svg));
            current.Add(figure.Name + ".png");
            current.Add(figure.Name + ".svg");
        }
        foreach (var stale in Directory.EnumerateFiles(figures).Where(f => f.EndsWith(".png") || f.EndsWith(".svg")))
            if (!current.Contains(Path.GetFileName(stale))) File.Delete(stale);

        WriteText(Path.Combine(directory, "aggregates.csv"), writer => ReportCsv.WriteAggregates(report.Groups, writer));
        WriteText(Path.Combine(directory, "verdicts.csv"), writer => ReportCsv.WriteVerdicts(report.Verdicts, writer));
        var index = Path.Combine(directory, "index.html");
        WriteText(index, writer => writer.Write(HtmlReport.Render(report, FigureFolder, live)));
        return Path.GetFullPath(index);
    }

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
