using System.Text;
using CollapseLab.Output;
using DuckDB.NET.Data;

namespace CollapseLab.Store;

/// <summary>Long-format export of a store through DuckDB's COPY (Parquet or CSV), one column per parameter.</summary>
internal static class StoreExporter
{
    public static void Export(ResultStore store, string path, ExportFormat format)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new StoreException("cannot export to an empty path: give a file name");
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full)) throw new StoreException($"cannot export to '{path}': it is a directory");
        if (!Directory.Exists(directory)) throw new StoreException($"cannot export to '{path}': directory '{directory}' does not exist");
        OutputPaths.EnsureApart([new NamedPath("the export file", path)], [new NamedPath("the store", store.Path)]);
        string options = format == ExportFormat.Parquet ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER true";
        if (OutputPaths.IsSpecialFile(full))
        {
            // a device or FIFO is written through, not replaced: COPY into a private temporary file, then stream it there
            var scratch = Directory.CreateTempSubdirectory("collapselab-export-");
            try
            {
                string temporary = Path.Combine(scratch.FullName, "export");
                Copy(store, temporary, options, path);
                using var source = File.OpenRead(temporary);
                using var target = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                source.CopyTo(target);
            }
            finally
            {
                scratch.Delete(recursive: true);
            }
            return;
        }
        OutputPaths.RemoveStaleTemporaries(full, AtomicFile.TemporarySuffix);
        string beside = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}{AtomicFile.TemporarySuffix}");
        try
        {
            Copy(store, beside, options, path);
            File.Move(beside, full, overwrite: true);
        }
        finally
        {
            File.Delete(beside);
        }
    }

    private static void Copy(ResultStore store, string temporary, string options, string path)
    {
        try
        {
            store.Execute($"COPY ({Select(store)}) TO {ResultStore.Literal(temporary)} ({options})");
        }
        catch (DuckDBException e)
        {
            throw new StoreException($"cannot export to '{path}': {e.Message.Split('\n')[0].Trim()}", e);
        }
    }

    /// <summary>
    /// The export query. Parameters become columns in order of first appearance; a column is BIGINT when every
    /// value is an integer, DOUBLE when every value is a number, else VARCHAR (so pandas/polars/R get numbers).
    /// </summary>
    private static string Select(ResultStore store)
    {
        var columns = new List<(string Name, string Type)>();
        using (var reader = store.Query("""
            SELECT name,
                   bool_and(regexp_full_match(value, '[+-]?[0-9]+')) AS integral, -- TRY_CAST('0.002' AS BIGINT) is 0, not NULL
                   bool_and(TRY_CAST(value AS DOUBLE) IS NOT NULL) AS numeric,
                   min(rowid) AS first
            FROM run_parameters GROUP BY name ORDER BY first
            """))
            while (reader.Read())
                columns.Add((reader.GetString(0), reader.GetBoolean(1) ? "BIGINT" : reader.GetBoolean(2) ? "DOUBLE" : "VARCHAR"));

        var select = new StringBuilder("SELECT m.run_id, r.task, r.workflow");
        foreach (var (name, type) in columns)
            select.Append($", CAST(p.{Quote(name)} AS {type}) AS {Quote(name)}");
        select.Append(", r.seed, r.status, m.iteration, m.metric, m.value FROM metrics m JOIN runs r USING (run_id)");
        if (columns.Count > 0)
        {
            select.Append(" LEFT JOIN (SELECT run_id");
            foreach (var (name, _) in columns)
                select.Append($", first(value) FILTER (WHERE name = {ResultStore.Literal(name)}) AS {Quote(name)}");
            select.Append(" FROM run_parameters GROUP BY run_id) p USING (run_id)");
        }
        select.Append(" ORDER BY r.task, r.workflow, m.run_id, m.iteration, m.rowid");
        return select.ToString();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
