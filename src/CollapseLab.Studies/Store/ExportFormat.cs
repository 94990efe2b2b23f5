namespace CollapseLab.Store;

/// <summary>File formats of <see cref="ResultStore.Export"/>.</summary>
public enum ExportFormat
{
    /// <summary>Apache Parquet, with typed columns (integers and reals as numbers).</summary>
    Parquet,
    /// <summary>Comma-separated text with a header row.</summary>
    Csv,
}
