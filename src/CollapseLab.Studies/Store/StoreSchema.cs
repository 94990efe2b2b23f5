namespace CollapseLab.Store;

/// <summary>
/// The store's tables (docs/store.md describes them for users of DuckDB, pandas, polars and R). Version 1.
/// No foreign keys or metric-level keys: they would slow appends, and each run is written whole in one
/// transaction, so a run's rows cannot be partial or doubled.
/// </summary>
internal static class StoreSchema
{
    public const int Version = 1;
    public const string Format = "collapselab-results";

    public const string Create = """
        CREATE TABLE store_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
        CREATE TABLE runs (
            run_id VARCHAR PRIMARY KEY,
            task VARCHAR NOT NULL,
            workflow VARCHAR NOT NULL,
            parameters VARCHAR NOT NULL,
            seed UBIGINT NOT NULL,
            samples INTEGER NOT NULL,
            iterations INTEGER NOT NULL,
            status VARCHAR NOT NULL,
            error VARCHAR,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP NOT NULL,
            elapsed_seconds DOUBLE NOT NULL,
            host VARCHAR NOT NULL,
            tool_version VARCHAR NOT NULL,
            threads INTEGER NOT NULL);
        CREATE TABLE run_parameters (
            run_id VARCHAR NOT NULL,
            scope VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            value VARCHAR NOT NULL);
        CREATE TABLE metrics (
            run_id VARCHAR NOT NULL,
            iteration INTEGER NOT NULL,
            metric VARCHAR NOT NULL,
            value DOUBLE);
        """;

    /// <summary>The tables <see cref="Create"/> makes.</summary>
    public static readonly string[] Tables = ["store_info", "runs", "run_parameters", "metrics"];

    /// <summary>
    /// Every column of <see cref="Tables"/> with its type and nullability, as DuckDB reports them for <see cref="Create"/>
    /// (read from an in-memory database, so the list cannot drift from the DDL). A store must have exactly these.
    /// </summary>
    public static readonly Lazy<Dictionary<string, string>> Columns = new(() =>
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Create;
            command.ExecuteNonQuery();
        }
        return ResultStore.Columns(connection);
    });

    /// <summary>run_parameters.scope: which part of the run a parameter belongs to.</summary>
    /// <remarks><see cref="InputScope"/> holds the SHA-256 of each file a task parameter names (<c>data-sha256</c>).</remarks>
    public const string TaskScope = "task", InputScope = "input", WorkflowScope = "workflow", LoopScope = "loop";

    public const string Completed = "completed", Failed = "failed";
}
