namespace CollapseLab.Store;

/// <summary>File formats of <see cref="ResultStore.Export"/>.</summary>
public enum ExportFormat
{
    Parquet,
    Csv,
}
