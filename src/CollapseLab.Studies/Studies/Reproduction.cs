using CollapseLab.Loop;
using CollapseLab.Reports;
using CollapseLab.Store;
using CollapseLab.Sweeps;
using CollapseLab.Tasks;

namespace CollapseLab.Studies;

/// <summary>
/// <c>collapse reproduce</c> as a library call: run a <see cref="BuiltInStudy"/> into a results store (runs already
/// completed there are skipped, so a rerun resumes) and build the report of the study's runs in that store.
/// </summary>
public static class Reproduction
{
    /// <summary>The store <c>reproduce</c> uses when none is given: <c>reproduce-quick.duckdb</c>, <c>reproduce-paper.duckdb</c>.</summary>
    public static string DefaultStore(StudyScale scale) => $"reproduce-{BuiltInStudy.FolderOf(scale)}.duckdb";

    /// <summary>
    /// The built-in study at <paramref name="scale"/> over the tasks of <paramref name="catalog"/>, after fetching the data its tasks need by default
    /// (<see cref="TaskInfo.FetchData"/>, idempotent; <paramref name="log"/> hears each step). A task whose data cannot
    /// be fetched (no network, a missing tool) is left out, its files named in <see cref="BuiltInStudy.Skipped"/> with
    /// the reason and the fix, so the rest of the study still runs.
    /// </summary>
    /// <exception cref="SweepException">An embedded sweep file is invalid (a build defect; tests catch it).</exception>
    public static BuiltInStudy Prepare(StudyScale scale, TaskCatalog catalog, Action<string> log) => Prepare(scale, BuiltInStudy.Files(scale), catalog, log);

    /// <summary>The same for a study made of the given sweep files (tests use small ones).</summary>
    internal static BuiltInStudy Prepare(StudyScale scale, IReadOnlyList<(string Name, string Yaml)> files, TaskCatalog catalog, Action<string> log)
    {
        var named = files.Select(f => BuiltInStudy.TaskOf(f.Yaml)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var leftOut = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var task in catalog.All.Where(t => t.FetchData is not null && named.Contains(t.Name)))
        {
            try
            {
                task.FetchData!(log);
            }
            catch (TaskDataException e)
            {
                leftOut[task.Name] = e.Message;
            }
        }
        return new BuiltInStudy(scale, files, catalog, leftOut);
    }

    /// <summary>
    /// Runs every run of <paramref name="study"/> not yet completed in <paramref name="store"/> (see <see cref="SweepRunner.Run"/>).
    /// Runs of settings with shared preparation (<see cref="IPreparable"/>: the slow language model) start first, so that
    /// the many short runs of the other settings fill the workers' ends instead of one long run finishing alone.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; finished runs are stored and a rerun resumes.</exception>
    /// <exception cref="StoreException">Writing failed.</exception>
    public static SweepOutcome Run(BuiltInStudy study, ResultStore store, int threads = 0, Action<RunResult>? finished = null,
        CancellationToken cancellation = default) =>
        SweepRunner.Run(study.Runs.OrderBy(r => r.Task is IPreparable ? 0 : 1).ToArray(), store, threads, finished, cancellation);

    /// <summary>The report of the study's runs in <paramref name="store"/> (other runs the store may hold are left out).</summary>
    /// <exception cref="Reports.Figures.MissingFontException">DejaVu Sans is not installed.</exception>
    public static Report BuildReport(BuiltInStudy study, ResultStore store)
    {
        var ids = study.Runs.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var tasks = study.Runs.Select(r => r.Task.Name).Distinct();
        var results = tasks.SelectMany(t => store.ReadResults(study.Catalog, t)).Where(r => ids.Contains(r.Spec.Id)).ToArray();
        return Report.Build(results, study.Catalog);
    }
}
