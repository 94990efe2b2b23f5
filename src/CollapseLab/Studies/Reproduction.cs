using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Store;
using CollapseLab.Sweeps;

namespace CollapseLab.Studies;

/// <summary>
/// <c>collapse reproduce</c> as a library call: run a <see cref="BuiltInStudy"/> into a results store (runs already
/// completed there are skipped, so a rerun resumes) and build the report of the study's runs in that store.
/// </summary>
public static class Reproduction
{
    /// <summary>The store <c>reproduce</c> uses when none is given: <c>reproduce-quick.duckdb</c>, <c>reproduce-paper.duckdb</c>.</summary>
    public static string DefaultStore(StudyScale scale) => $"reproduce-{BuiltInStudy.FolderOf(scale)}.duckdb";

    /// <summary>Runs every run of <paramref name="study"/> not yet completed in <paramref name="store"/> (see <see cref="SweepRunner.Run"/>).</summary>
    /// <exception cref="OperationCanceledException">Cancelled; finished runs are stored and a rerun resumes.</exception>
    /// <exception cref="StoreException">Writing failed.</exception>
    public static SweepOutcome Run(BuiltInStudy study, ResultStore store, int threads = 0, Action<RunResult>? finished = null,
        CancellationToken cancellation = default) =>
        SweepRunner.Run(study.Runs, store, threads, finished, cancellation);

    /// <summary>The report of the study's runs in <paramref name="store"/> (other runs the store may hold are left out).</summary>
    /// <exception cref="Reports.Figures.MissingFontException">DejaVu Sans is not installed.</exception>
    public static Report BuildReport(BuiltInStudy study, ResultStore store)
    {
        var ids = study.Runs.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var tasks = study.Runs.Select(r => r.Task.Name).Distinct();
        var results = tasks.SelectMany(t => store.ReadResults(t)).Where(r => ids.Contains(r.Spec.Id)).ToArray();
        return Report.Build(results);
    }
}
