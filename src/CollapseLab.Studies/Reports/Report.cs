using System.Text;
using CollapseLab.Loop;
using CollapseLab.Reports.Figures;

namespace CollapseLab.Reports;

/// <summary>
/// Everything a report shows, computed from run results: the groups of runs (all but the seed equal), a collapse
/// verdict per group on its task's loss, and the figures. <see cref="ReportWriter"/> writes it to a directory.
/// </summary>
public sealed class Report
{
    /// <summary>The groups of runs that differ only in their seed (mixture cells excluded).</summary>
    public IReadOnlyList<RunGroup> Groups { get; }
    /// <summary>One collapse verdict per group whose task has a loss metric, on that loss.</summary>
    public IReadOnlyList<GroupVerdict> Verdicts { get; }
    /// <summary>Every figure, each with a name unique within the report.</summary>
    public IReadOnlyList<RenderedFigure> Figures { get; }

    /// <summary>Every task setting and parameter set with its groups, verdicts and figures (the headline screen's units).</summary>
    public IReadOnlyList<ReportSetting> Settings { get; }

    /// <summary>Things a reader should know that no figure shows (metrics not plotted, …).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The real-vs-synthetic mixture studies among the results (cells are not in <see cref="Groups"/>).</summary>
    public IReadOnlyList<Mixtures.MixtureAnalysis> Mixtures { get; }

    /// <summary>The mixture cells' runs.</summary>
    public IReadOnlyList<RunResult> MixtureRuns { get; }

    /// <summary>Runs reported, failed ones and mixture cells included.</summary>
    public int RunCount => Groups.Sum(g => g.Runs.Count) + MixtureRuns.Count;
    /// <summary>Runs among <see cref="RunCount"/> that failed.</summary>
    public int FailedCount => Groups.Sum(g => g.Failed) + MixtureRuns.Count(r => !r.Succeeded);

    private Report(IReadOnlyList<RunGroup> groups, IReadOnlyList<GroupVerdict> verdicts, IReadOnlyList<RenderedFigure> figures, IReadOnlyList<ReportSetting> settings,
        IReadOnlyList<string> notes, IReadOnlyList<Mixtures.MixtureAnalysis> mixtures, IReadOnlyList<RunResult> mixtureRuns)
    {
        Settings = settings;
        Groups = groups;
        Verdicts = verdicts;
        Figures = figures;
        Notes = notes;
        Mixtures = mixtures;
        MixtureRuns = mixtureRuns;
    }

    /// <summary>
    /// Builds the report of <paramref name="results"/> (any mix of tasks, workflows and parameters) from the results
    /// alone: <paramref name="catalog"/> gives each task's theory and the workflows' order, <paramref name="figures"/>
    /// (default <see cref="TaskFigures.BuiltIn"/>) each task's own figures. Nothing is simulated.
    /// </summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static Report Build(IReadOnlyList<RunResult> results, Tasks.TaskCatalog catalog, TaskFigures? figures = null)
    {
        figures ??= TaskFigures.BuiltIn;
        var mixtureRuns = results.Where(CollapseLab.Mixtures.MixtureAnalysis.IsMixture).ToArray();
        var groups = RunGroup.From(results.Where(r => !CollapseLab.Mixtures.MixtureAnalysis.IsMixture(r)), catalog);
        var verdicts = new List<GroupVerdict>();
        var rendered = new List<RenderedFigure>();
        var settings = new List<ReportSetting>();
        var notes = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);

        foreach (var task in groups.GroupBy(g => g.Task))
        {
            var metrics = task.SelectMany(g => g.Metrics).Distinct().ToArray();
            var loss = MetricInfo.LossOf(metrics);
            // A setting that names its loss (the external setting's --loss) decides per group.
            foreach (var group in task)
                if ((group.Representative.Task.ChooseLoss(group.Metrics) ?? loss) is { } groupLoss)
                    verdicts.Add(VerdictRule.Evaluate(group, groupLoss));

            foreach (var setting in task.GroupBy(g => RunGroup.FormatParameters(g.TaskParameters)))
            {
                var members = setting.ToArray();
                var settingFigures = new List<(string Metric, RenderedFigure Figure)>();
                var recorded = members.SelectMany(g => g.Metrics).Distinct().ToArray();
                foreach (var metric in MetricInfo.Order(recorded, members[0].Representative.Task.ChooseLoss(recorded)).Where(m => MetricInfo.Of(m).HasFigure))
                {
                    var figure = MetricFigures.Build(members, metric, UniqueName(names, FileStem(members[0], metric)));
                    if (figure is null)
                        notes.Add($"{task.Key} ({setting.Key}): {metric} is recorded at a single iteration, so it is not plotted against iterations; its values are in aggregates.csv.");
                    else
                        settingFigures.Add((metric, figure));
                }
                rendered.AddRange(settingFigures.Select(f => f.Figure));
                settings.Add(new ReportSetting(task.Key, members[0].TaskParameters, members, verdicts.Where(v => members.Contains(v.Group)).ToArray(), settingFigures));
            }

            var input = new TaskFigureInput(task.ToArray(), stem => UniqueName(names, stem), notes.Add);
            foreach (var build in figures.For(task.Key))
                rendered.AddRange(build(input));
        }

        var mixtures = CollapseLab.Mixtures.MixtureAnalysis.From(mixtureRuns);
        foreach (var study in mixtures)
        {
            string stem = Sanitize(study.Task) + "-mixture-" + string.Join("-", study.TaskParameters.Select(p => Sanitize(p.Key + p.Value)));
            foreach (var figure in MixtureFigures.Build(study, UniqueName(names, stem + "-g" + study.GeneratorSamples)))
                rendered.Add(figure);
        }
        return new Report(groups, verdicts, rendered, settings, notes, mixtures, mixtureRuns);
    }

    /// <summary>
    /// "gaussian-dim1-sigma2_1-estimator_mle-test_nll": task, task parameters and metric, safe as a file name; when
    /// that is longer than <see cref="MaxStemLength"/> (a long --data path, the external setting's command lines), the
    /// parameters are replaced by a hash of them, so the task and the metric stay readable.
    /// </summary>
    private static string FileStem(RunGroup group, string metric)
    {
        var parameters = group.TaskParameters.Select(p => Sanitize(p.Key + Sanitize(p.Value))).ToArray();
        string stem = string.Join("-", new[] { Sanitize(group.Task) }.Concat(parameters).Append(Sanitize(metric)));
        if (stem.Length <= MaxStemLength) return stem;
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parameters))))[..12];
        return $"{Sanitize(group.Task)}-{hash}-{Sanitize(metric)}";
    }

    /// <summary>Lower-case letters, digits, "." and "_"; anything else becomes "_" (one part of a file stem).</summary>
    internal static string Sanitize(string text)
    {
        var clean = new StringBuilder();
        foreach (char c in text) clean.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? char.ToLowerInvariant(c) : '_');
        return clean.ToString();
    }

    /// <summary>Longest file stem used as it is: with "-N", ".png" and a temporary file's ".NAME.PID.tmp" it stays far below the 255 bytes file systems allow.</summary>
    internal const int MaxStemLength = 120;

    /// <summary>
    /// A stem unique in <paramref name="names"/> that always fits in a file name: one longer than <see cref="MaxStemLength"/>
    /// (a long --data path) keeps its readable start and ends with a hash of the whole stem. The figure's title keeps every value.
    /// </summary>
    private static string UniqueName(HashSet<string> names, string stem)
    {
        if (stem.Length > MaxStemLength)
            stem = stem[..(MaxStemLength - 17)] + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(stem)))[..16];
        string name = stem;
        for (int i = 2; !names.Add(name); i++) name = $"{stem}-{i}";
        return name;
    }
}
