using System.Data.Common;
using System.Reflection;
using System.Text.Json;
using CollapseLab.Loop;
using CollapseLab.Tasks;
using CollapseLab.Workflows;
using DuckDB.NET.Data;

namespace CollapseLab.Store;

/// <summary>
/// An embedded DuckDB file of run results: a <c>runs</c> table (one row per run: id, task, workflow, canonical
/// parameters, seed, status, error, timings, host, tool version, thread count), <c>run_parameters</c> (run id,
/// scope, name, value: one row per parameter, for filtering) and <c>metrics</c> (run id, iteration, metric,
/// value). docs/store.md shows how to query them directly.
/// </summary>
/// <remarks>
/// <para>Each <see cref="Write"/> is one transaction, so a run is either wholly in the store or absent, also
/// after <c>kill -9</c>: DuckDB replays the committed part of its write-ahead log when the file is next opened.</para>
/// <para>DuckDB lets one process open a file for writing, and no other process may open it meanwhile (not even
/// to read). Parallel writers therefore use one store each (<c>--shard</c>) and <see cref="Merge"/> them.
/// Opening a file that is in use, is not a store, or has another schema version fails with a
/// <see cref="StoreException"/> before anything is written.</para>
/// <para>An instance is not thread-safe; <see cref="StoreWriter"/> feeds one from many threads.</para>
/// </remarks>
public sealed class ResultStore : IDisposable
{
    /// <summary>The schema version this build reads and writes.</summary>
    public const int SchemaVersion = StoreSchema.Version;

    private readonly DuckDBConnection _connection;
    private readonly Dictionary<string, RunStatus> _statuses = new(StringComparer.Ordinal);

    /// <summary>The store file's full path.</summary>
    public string Path { get; }

    /// <summary>True when opened with <see cref="OpenReadOnly"/>.</summary>
    public bool IsReadOnly { get; }

    /// <summary>This build's version, written with every run.</summary>
    public static string ToolVersion { get; } =
        typeof(ResultStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private ResultStore(string path, DuckDBConnection connection, bool readOnly)
    {
        Path = path;
        _connection = connection;
        IsReadOnly = readOnly;
        using var reader = Query("SELECT run_id, status FROM runs");
        while (reader.Read()) _statuses[reader.GetString(0)] = ParseStatus(reader.GetString(1));
    }

    /// <summary>Opens the store at <paramref name="path"/> for reading and writing, creating it when there is no file.</summary>
    /// <exception cref="StoreException">Not a store, another schema version, in use by another process, or not writable.</exception>
    public static ResultStore Open(string path)
    {
        string full = FullPath(path);
        Output.OutputPaths.RemoveStaleTemporaries(full, CreatingSuffix, CreatingSuffix + ".wal");
        if (!File.Exists(full)) Create(full);
        else Validate(full);
        return new ResultStore(full, Connect(full, readOnly: false), readOnly: false);
    }

    /// <summary>Opens an existing store for reading only (the file is not modified, not even by log replay).</summary>
    /// <exception cref="StoreException">No such file, not a store, another schema version, or in use by a writer.</exception>
    public static ResultStore OpenReadOnly(string path)
    {
        string full = FullPath(path);
        if (!File.Exists(full)) throw new StoreException($"no results store at '{path}'");
        var connection = Connect(full, readOnly: true);
        try
        {
            CheckSchema(connection, full);
            return new ResultStore(full, connection, readOnly: true);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Ids and statuses of every stored run.</summary>
    public IReadOnlyDictionary<string, RunStatus> RunStatuses => _statuses;

    /// <summary>Ids of the runs stored as completed (a resumed sweep skips these).</summary>
    public IReadOnlySet<string> CompletedRunIds() =>
        _statuses.Where(s => s.Value == RunStatus.Completed).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Writes <paramref name="results"/> in one transaction: each run with its parameters and metrics, completed
    /// or failed (with its error). A stored failure is replaced by the new result; a run already stored as
    /// completed is left as it is.
    /// </summary>
    /// <param name="results">The runs to store.</param>
    /// <param name="threads">Parallel runs of the process that ran them (recorded with each run).</param>
    /// <returns>The number of runs written.</returns>
    public int Write(IReadOnlyList<RunResult> results, int threads)
    {
        if (IsReadOnly) throw new InvalidOperationException("the store was opened read-only");
        var pending = new List<RunResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            string id = result.Spec.Id;
            if (_statuses.TryGetValue(id, out var status) && status == RunStatus.Completed) continue;
            if (!seen.Add(id)) continue;
            pending.Add(result);
        }
        if (pending.Count == 0) return 0;

        var finished = DateTime.UtcNow;
        string host = Environment.MachineName;
        using var transaction = _connection.BeginTransaction();
        var replaced = pending.Select(r => r.Spec.Id).Where(_statuses.ContainsKey).ToArray();
        if (replaced.Length > 0)
        {
            string list = string.Join(",", replaced.Select(Literal));
            Execute($"DELETE FROM metrics WHERE run_id IN ({list}); DELETE FROM run_parameters WHERE run_id IN ({list}); DELETE FROM runs WHERE run_id IN ({list});");
        }
        using (var runs = _connection.CreateAppender("runs"))
        using (var parameters = _connection.CreateAppender("run_parameters"))
        using (var metrics = _connection.CreateAppender("metrics"))
        {
            foreach (var result in pending)
            {
                var spec = result.Spec;
                string id = spec.Id;
                runs.CreateRow()
                    .AppendValue(id).AppendValue(spec.Task.Name).AppendValue(spec.Workflow.Name).AppendValue(ParametersJson(spec))
                    .AppendValue((ulong?)spec.Seed).AppendValue((int?)spec.Samples).AppendValue((int?)spec.Iterations)
                    .AppendValue(result.Succeeded ? StoreSchema.Completed : StoreSchema.Failed).AppendValue(result.Error)
                    .AppendValue((DateTime?)(finished - result.Elapsed)).AppendValue((DateTime?)finished).AppendValue((double?)result.Elapsed.TotalSeconds)
                    .AppendValue(host).AppendValue(ToolVersion).AppendValue((int?)threads)
                    .EndRow();
                foreach (var (scope, name, value) in ScopedParameters(spec))
                    parameters.CreateRow().AppendValue(id).AppendValue(scope).AppendValue(name).AppendValue(value).EndRow();
                foreach (var row in result.Metrics)
                    metrics.CreateRow().AppendValue(id).AppendValue((int?)row.Iteration).AppendValue(row.Metric).AppendValue((double?)row.Value).EndRow();
            }
        }
        transaction.Commit();
        foreach (var result in pending) _statuses[result.Spec.Id] = result.Succeeded ? RunStatus.Completed : RunStatus.Failed;
        return pending.Count;
    }

    /// <summary>The stored runs (no metrics), optionally of one task, ordered by run id.</summary>
    public IReadOnlyList<StoredRun> ReadRuns(string? task = null)
    {
        var parameters = ReadParameters(task);
        var runs = new List<StoredRun>();
        using var reader = Query($"""
            SELECT run_id, task, workflow, seed, samples, iterations, status, error, started_at, finished_at,
                   elapsed_seconds, host, tool_version, threads
            FROM runs {(task is null ? "" : $"WHERE task = {Literal(task)}")} ORDER BY run_id
            """);
        while (reader.Read())
        {
            string id = reader.GetString(0);
            runs.Add(new StoredRun(id, reader.GetString(1), reader.GetString(2),
                parameters.TryGetValue(id, out var p) ? p.Select(x => KeyValuePair.Create(x.Name, x.Value)).ToArray() : [],
                reader.GetFieldValue<ulong>(3), reader.GetInt32(4), reader.GetInt32(5), ParseStatus(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetDateTime(8), reader.GetDateTime(9),
                TimeSpan.FromSeconds(reader.GetDouble(10)), reader.GetString(11), reader.GetString(12), reader.GetInt32(13)));
        }
        return runs;
    }

    /// <summary>
    /// The stored runs as <see cref="RunResult"/>s, their specs rebuilt through <paramref name="catalog"/> (its tasks and
    /// its workflows) from the stored parameters, ordered by run id, metrics in the order they were
    /// recorded. Failed runs are included (with <see cref="RunResult.Error"/> and their partial metrics) so that
    /// reports can show them.
    /// </summary>
    /// <param name="catalog">The task settings and workflows the store's runs may name (<see cref="TaskCatalog.BuiltIn"/>,
    /// plus the language model's <c>LmSetting.Info</c> for a store holding its runs).</param>
    /// <param name="task">Only runs of this task (null: all).</param>
    /// <param name="metrics">Only these metrics (null: all).</param>
    /// <exception cref="StoreException">A run whose task or workflow <paramref name="catalog"/> does not hold, or whose
    /// stored parameters the task no longer accepts.</exception>
    public IReadOnlyList<RunResult> ReadResults(TaskCatalog catalog, string? task = null, IReadOnlyCollection<string>? metrics = null)
    {
        var runs = ReadRuns(task);
        var scoped = ReadParameters(task);
        var settings = new Dictionary<string, ITaskSetting>(StringComparer.Ordinal);
        var workflows = new Dictionary<string, IWorkflow>(StringComparer.Ordinal);
        var rows = new Dictionary<string, List<MetricRow>>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);

        string filter = string.Join(" AND ", new[]
        {
            task is null ? null : $"run_id IN (SELECT run_id FROM runs WHERE task = {Literal(task)})",
            metrics is null ? null : $"metric IN ({(metrics.Count == 0 ? "NULL" : string.Join(",", metrics.Select(Literal)))})",
        }.Where(f => f is not null));
        using (var reader = Query($"SELECT run_id, iteration, metric, value FROM metrics {(filter.Length == 0 ? "" : "WHERE " + filter)} ORDER BY run_id, iteration, rowid"))
        {
            List<MetricRow>? current = null;
            string? currentId = null;
            while (reader.Read())
            {
                string id = reader.GetString(0);
                if (id != currentId)
                {
                    currentId = id;
                    rows[id] = current = [];
                }
                string metric = reader.GetString(2);
                if (!names.TryGetValue(metric, out var interned)) names[metric] = interned = metric;
                current!.Add(new MetricRow(reader.GetInt32(1), interned, reader.IsDBNull(3) ? double.NaN : reader.GetDouble(3)));
            }
        }

        var results = new List<RunResult>(runs.Count);
        foreach (var run in runs)
        {
            var parameters = scoped.GetValueOrDefault(run.RunId) ?? [];
            RunSpec spec;
            try
            {
                var taskValues = parameters.Where(p => p.Scope == StoreSchema.TaskScope).ToDictionary(p => p.Name, p => p.Value);
                foreach (var (name, value) in catalog.Find(run.Task).StoredDefaults) taskValues.TryAdd(name, value);
                var workflowValues = parameters.Where(p => p.Scope == StoreSchema.WorkflowScope).ToDictionary(p => p.Name, p => p.Value);
                var inputs = parameters.Where(p => p.Scope == StoreSchema.InputScope).Select(p => KeyValuePair.Create(p.Name, p.Value)).ToArray();
                string taskKey = run.Task + "\n" + string.Join("\n", taskValues.Select(p => $"{p.Key}={p.Value}"));
                string workflowKey = run.Workflow + "\n" + string.Join("\n", workflowValues.Select(p => $"{p.Key}={p.Value}"));
                if (!settings.TryGetValue(taskKey, out var setting)) settings[taskKey] = setting = catalog.Create(run.Task, taskValues);
                bool mixture = run.Workflow == Mixtures.MixtureCell.WorkflowName;
                if (!workflows.TryGetValue(workflowKey, out var workflow))
                    workflows[workflowKey] = workflow = mixture ? Mixtures.MixtureCell.Create(workflowValues) : catalog.Workflows.Create(run.Workflow, workflowValues);
                // a mixture cell may hold fewer samples than the task's minimum (stored as failed with the reason)
                spec = mixture
                    ? new RunSpec(setting, workflow, run.Samples, run.Iterations, run.Seed) { Inputs = inputs }
                    : RunSpec.Create(setting, workflow, run.Samples, run.Iterations, run.Seed, inputs);
            }
            catch (Parameters.InvalidParameterException e)
            {
                throw new StoreException($"{Path}: cannot rebuild run {run.RunId} ({run.Task}/{run.Workflow}): {e.Message}", e);
            }
            results.Add(new RunResult(spec, rows.GetValueOrDefault(run.RunId) ?? [], run.Status == RunStatus.Failed ? run.Error ?? "failed" : null, run.Elapsed));
        }
        return results;
    }

    /// <summary>
    /// Mean, standard deviation, min and max of each metric at each iteration over the seeds of each
    /// configuration, computed in DuckDB from completed runs (cheap even for millions of rows).
    /// </summary>
    /// <param name="task">Only this task (null: all).</param>
    /// <param name="metric">Only this metric (null: all).</param>
    public IReadOnlyList<MetricSummary> SummarizeMetrics(string? task = null, string? metric = null)
    {
        var where = new List<string> { $"r.status = '{StoreSchema.Completed}'" };
        if (task is not null) where.Add($"r.task = {Literal(task)}");
        if (metric is not null) where.Add($"m.metric = {Literal(metric)}");
        using var reader = Query($"""
            SELECT r.task, r.workflow, r.parameters, m.iteration, m.metric, count(*), avg(m.value), stddev_samp(m.value),
                   min(m.value), max(m.value), count(*) FILTER (WHERE isfinite(m.value))
            FROM metrics m JOIN runs r USING (run_id)
            WHERE {string.Join(" AND ", where)}
            GROUP BY ALL ORDER BY r.task, r.workflow, r.parameters, m.metric, m.iteration
            """);
        var parsed = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var summaries = new List<MetricSummary>();
        while (reader.Read())
        {
            string json = reader.GetString(2);
            if (!parsed.TryGetValue(json, out var parameters)) parsed[json] = parameters = ParseParametersJson(json);
            summaries.Add(new MetricSummary(reader.GetString(0), reader.GetString(1), parameters, reader.GetInt32(3), reader.GetString(4),
                reader.GetInt64(5), Double(reader, 6), Double(reader, 7), Double(reader, 8), Double(reader, 9), reader.GetInt64(10)));
        }
        return summaries;
    }

    /// <summary>Completed and failed run counts per configuration (task, workflow, parameters; seeds counted).</summary>
    public IReadOnlyList<RunGroupCount> CountRuns()
    {
        using var reader = Query($"""
            SELECT task, workflow, parameters, count(*) FILTER (WHERE status = '{StoreSchema.Completed}'),
                   count(*) FILTER (WHERE status = '{StoreSchema.Failed}')
            FROM runs GROUP BY ALL ORDER BY ALL
            """);
        var counts = new List<RunGroupCount>();
        while (reader.Read())
            counts.Add(new RunGroupCount(reader.GetString(0), reader.GetString(1), ParseParametersJson(reader.GetString(2)), reader.GetInt64(3), reader.GetInt64(4)));
        return counts;
    }

    /// <summary>Number of rows in the metrics table.</summary>
    public long MetricRowCount()
    {
        using var reader = Query("SELECT count(*) FROM metrics");
        reader.Read();
        return reader.GetInt64(0);
    }

    /// <summary>
    /// Writes every metric row in long format with its run's columns (run_id, task, workflow, one column per
    /// parameter — typed BIGINT, DOUBLE or VARCHAR by its values — seed, status, iteration, metric, value) to
    /// <paramref name="path"/> through DuckDB's COPY. The file appears whole or not at all.
    /// </summary>
    public void Export(string path, ExportFormat format) => StoreExporter.Export(this, path, format);

    /// <summary>
    /// Adds every run of <paramref name="sources"/> to the store at <paramref name="into"/> (created when
    /// missing), by run id, in one transaction. Sources are only read. A run present on both sides is kept once;
    /// a completed copy replaces a failed one; completed copies whose metrics differ are reported as conflicts
    /// (the target's copy is kept).
    /// </summary>
    /// <exception cref="StoreException">A source or the target is not a usable store; nothing was changed.</exception>
    public static MergeReport Merge(IReadOnlyList<string> sources, string into) => StoreMerger.Merge(sources, into);

    /// <summary>Where a writer publishes the live snapshot of the store at <paramref name="storePath"/> ("results.duckdb.live").</summary>
    public static string LivePath(string storePath) => FullPath(storePath) + ".live";

    /// <summary>
    /// Copies the whole store, as of its last commit, into a new store file at <see cref="LivePath"/>, built under a
    /// temporary name and moved into place, so a reader (<c>collapse report --watch</c>) sees a complete snapshot or
    /// the previous one, never a partial file, while this process keeps the store itself open for writing.
    /// </summary>
    public void PublishSnapshot()
    {
        if (IsReadOnly) throw new InvalidOperationException("the store was opened read-only");
        string live = LivePath(Path), temporary = $"{live}.tmp-{Environment.ProcessId}";
        File.Delete(temporary);
        string database;
        using (var reader = Query("SELECT current_database()"))
        {
            reader.Read();
            database = reader.GetString(0);
        }
        Execute($"ATTACH {Literal(temporary)} AS live_snapshot");
        try
        {
            Execute($"COPY FROM DATABASE \"{database.Replace("\"", "\"\"")}\" TO live_snapshot");
        }
        finally
        {
            Execute("DETACH live_snapshot");
        }
        File.Move(temporary, live, overwrite: true);
    }

    /// <summary>Closes the database file.</summary>
    public void Dispose() => _connection.Dispose();

    internal DuckDBConnection Connection => _connection;

    internal void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal DbDataReader Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }

    /// <summary>A SQL string literal.</summary>
    internal static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    internal static string FullPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new StoreException("an empty path names no results store: give a file name");
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new StoreException($"'{path}' is a directory, not a results store");
        if (Output.OutputPaths.IsSpecialFile(full)) throw new StoreException($"'{path}' is a device or FIFO, not a results store");
        return full;
    }

    /// <summary>Checks that an existing file is a store of this schema version, opening it read-only.</summary>
    internal static void Validate(string full)
    {
        using var connection = Connect(full, readOnly: true);
        CheckSchema(connection, full);
    }

    internal static DuckDBConnection Connect(string full, bool readOnly)
    {
        var builder = new DuckDBConnectionStringBuilder { DataSource = full };
        if (readOnly) builder["ACCESS_MODE"] = "READ_ONLY";
        var connection = new DuckDBConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            if (e.Message.Contains("Could not set lock", StringComparison.Ordinal) || e.Message.Contains("Conflicting lock", StringComparison.Ordinal))
            {
                var pid = System.Text.RegularExpressions.Regex.Match(e.Message, @"PID (\d+)");
                throw new StoreException($"results store '{full}' is in use by another process{(pid.Success ? $" (PID {pid.Groups[1].Value})" : "")}: "
                    + "DuckDB lets one process open a store while it writes; wait for it to finish, watch it with `collapse report STORE --watch SECONDS`, or give each process its own --store and merge them with `collapse store merge`", e) { InUse = true };
            }
            throw new StoreException($"'{full}' is not a CollapseLab results store (DuckDB cannot open it: {FirstLine(e.Message)}); the file was not changed", e);
        }
    }

    private static void CheckSchema(DuckDBConnection connection, string full)
    {
        var info = new Dictionary<string, string>();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT key, value FROM store_info";
            using var reader = command.ExecuteReader();
            while (reader.Read()) info[reader.GetString(0)] = reader.GetString(1);
        }
        catch (DuckDBException e)
        {
            throw new StoreException($"'{full}' is a DuckDB database but not a CollapseLab results store (no readable store_info table: {FirstLine(e.Message)}); the file was not changed", e);
        }
        if (info.GetValueOrDefault("format") != StoreSchema.Format)
            throw new StoreException($"'{full}' is a DuckDB database but not a CollapseLab results store (store_info has no format '{StoreSchema.Format}'); the file was not changed");
        string version = info.GetValueOrDefault("schema_version", "?");
        if (version != StoreSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new StoreException($"'{full}' has store schema version {version} (written by collapse {info.GetValueOrDefault("created_by", "?")}); "
                + $"this build of collapse ({ToolVersion}) reads schema version {StoreSchema.Version} only. Use a matching collapse version; the file was not changed");
        var columns = Columns(connection);
        string? problem = StoreSchema.Columns.Value
            .Select(c => !columns.TryGetValue(c.Key, out var actual) ? $"has no column {c.Key} ({c.Value})"
                : actual != c.Value ? $"has column {c.Key} of type {actual}, where this build needs {c.Value}" : null)
            .Concat(columns.Keys.Where(c => !StoreSchema.Columns.Value.ContainsKey(c)).Select(c => $"has an extra column {c}"))
            .FirstOrDefault(p => p is not null);
        if (problem is not null)
            throw new StoreException($"'{full}' is not a results store this build can use: it {problem}; the file was not changed");
        try
        {
            // Read every column once, so a damaged or truncated file is refused here rather than half-way through a sweep.
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT sum(hash(run_id, task, workflow, parameters, seed, samples, iterations, status, error, started_at,
                                        finished_at, elapsed_seconds, host, tool_version, threads)) FROM runs),
                       (SELECT sum(hash(run_id, scope, name, value)) FROM run_parameters),
                       (SELECT sum(hash(run_id, iteration, metric, value)) FROM metrics)
                """;
            command.ExecuteNonQuery();
        }
        catch (DuckDBException e)
        {
            throw new StoreException($"'{full}' is not a CollapseLab results store any more: it is damaged ({FirstLine(e.Message)}); the file was not changed", e);
        }
    }

    /// <summary>Every column of the store's tables ("runs.seed") and its type ("UBIGINT NOT NULL").</summary>
    internal static Dictionary<string, string> Columns(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT table_name || '.' || column_name, data_type || CASE WHEN is_nullable THEN '' ELSE ' NOT NULL' END
            FROM duckdb_columns()
            WHERE database_name = current_database() AND schema_name = 'main' AND table_name IN ({string.Join(", ", StoreSchema.Tables.Select(Literal))})
            ORDER BY table_name, column_index
            """;
        using var reader = command.ExecuteReader();
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) columns[reader.GetString(0)] = reader.GetString(1);
        return columns;
    }

    /// <summary>Ends the name <c>.NAME.PID.creating</c> a store is built under before it is moved into place.</summary>
    private const string CreatingSuffix = ".creating";

    /// <summary>Creates an empty store atomically: built under a temporary name beside it, then moved into place.</summary>
    private static void Create(string full)
    {
        string directory = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new StoreException($"cannot create results store '{full}': directory '{directory}' does not exist");
        string temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}{CreatingSuffix}");
        try
        {
            File.Delete(temporary);
            using (var connection = Connect(temporary, readOnly: false))
            using (var command = connection.CreateCommand())
            {
                command.CommandText = StoreSchema.Create + $"""

                    INSERT INTO store_info VALUES ('format', '{StoreSchema.Format}'), ('schema_version', '{StoreSchema.Version}'),
                        ('created_by', {Literal(ToolVersion)}), ('created_at', {Literal(DateTime.UtcNow.ToString("O"))});
                    CHECKPOINT;
                    """;
                command.ExecuteNonQuery();
            }
            File.Move(temporary, full, overwrite: false);
        }
        catch (IOException) when (File.Exists(full))
        {
            Validate(full); // another process created it first
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create results store '{full}': {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(temporary + ".wal");
        }
    }

    private Dictionary<string, List<(string Scope, string Name, string Value)>> ReadParameters(string? task)
    {
        var parameters = new Dictionary<string, List<(string, string, string)>>(StringComparer.Ordinal);
        using var reader = Query($"""
            SELECT run_id, scope, name, value FROM run_parameters
            {(task is null ? "" : $"WHERE run_id IN (SELECT run_id FROM runs WHERE task = {Literal(task)})")}
            ORDER BY run_id, rowid
            """);
        while (reader.Read())
        {
            string id = reader.GetString(0);
            if (!parameters.TryGetValue(id, out var list)) parameters[id] = list = [];
            list.Add((reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return parameters;
    }

    private static IEnumerable<(string Scope, string Name, string Value)> ScopedParameters(RunSpec spec) =>
        spec.Task.Parameters.Canonical.Select(p => (StoreSchema.TaskScope, p.Key, p.Value))
            .Concat(spec.Inputs.Select(p => (StoreSchema.InputScope, p.Key, p.Value)))
            .Concat(spec.Workflow.Parameters.Canonical.Select(p => (StoreSchema.WorkflowScope, p.Key, p.Value)))
            .Append((StoreSchema.LoopScope, Running.LoopParameters.Samples.Name, spec.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append((StoreSchema.LoopScope, Running.LoopParameters.Iterations.Name, spec.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The configuration's canonical parameters as a JSON object of strings, in <see cref="RunSpec.Parameters"/> order.</summary>
    private static string ParametersJson(RunSpec spec)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in spec.Parameters) json.WriteString(name, value);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IReadOnlyDictionary<string, string> ParseParametersJson(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private static RunStatus ParseStatus(string status) => status == StoreSchema.Completed ? RunStatus.Completed : RunStatus.Failed;

    private static double Double(DbDataReader reader, int column) => reader.IsDBNull(column) ? double.NaN : reader.GetDouble(column);

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
