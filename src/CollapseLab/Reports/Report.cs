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
    /// <summary>The 1-D Gaussian picture's defaults when the results hold no d = 1 Gaussian runs to take n and T from.</summary>
    public const int DensityDefaultSamples = 10, DensityDefaultIterations = 50;

    /// <summary>The longest run the 1-D Gaussian picture simulates.</summary>
    public const int DensityMaxIterations = 100;

    public IReadOnlyList<RunGroup> Groups { get; }
    public IReadOnlyList<GroupVerdict> Verdicts { get; }
    public IReadOnlyList<RenderedFigure> Figures { get; }

    /// <summary>Every task setting and parameter set with its groups, verdicts and figures (the headline screen's units).</summary>
    public IReadOnlyList<ReportSetting> Settings { get; }

    /// <summary>Things a reader should know that no figure shows (metrics not plotted, …).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The real-vs-synthetic mixture studies among the results (cells are not in <see cref="Groups"/>).</summary>
    public IReadOnlyList<Mixtures.MixtureAnalysis> Mixtures { get; }

    /// <summary>The mixture cells' runs.</summary>
    public IReadOnlyList<RunResult> MixtureRuns { get; }

    public int RunCount => Groups.Sum(g => g.Runs.Count) + MixtureRuns.Count;
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

    /// <summary>Builds the report of <paramref name="results"/> (any mix of tasks, workflows and parameters).</summary>
    /// <exception cref="MissingFontException">DejaVu Sans is not installed.</exception>
    public static Report Build(IReadOnlyList<RunResult> results)
    {
        var mixtureRuns = results.Where(CollapseLab.Mixtures.MixtureAnalysis.IsMixture).ToArray();
        var groups = RunGroup.From(results.Where(r => !CollapseLab.Mixtures.MixtureAnalysis.IsMixture(r)));
        var verdicts = new List<GroupVerdict>();
        var figures = new List<RenderedFigure>();
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
                foreach (var metric in MetricInfo.Order(recorded, members[0].Representative.Task.ChooseLoss(recorded)))
                {
                    var figure = MetricFigures.Build(members, metric, UniqueName(names, FileStem(members[0], metric)));
                    if (figure is null)
                        notes.Add($"{task.Key} ({setting.Key}): {metric} is recorded at a single iteration, so it is not plotted against iterations; its values are in aggregates.csv.");
                    else
                        settingFigures.Add((metric, figure));
                }
                figures.AddRange(settingFigures.Select(f => f.Figure));
                settings.Add(new ReportSetting(task.Key, members[0].TaskParameters, members, verdicts.Where(v => members.Contains(v.Group)).ToArray(), settingFigures));
            }

            if (task.Key == "gaussian")
            {
                var (samples, iterations, sigma2) = DensityParameters(task.ToArray());
                figures.Add(DensityFigure.Build(samples, iterations, sigma2, 0, UniqueName(names, "gaussian-fitted-densities")));
            }
        }

        // the reference study's figures (its notebooks 07, 11, 12, 13), each drawn only when the runs hold its data
        string Name(string stem) => UniqueName(names, stem);
        figures.AddRange(KdeBandwidthFigure.Build(groups, Name));
        figures.AddRange(KdeEstimatedBandwidthFigure.Build(groups, Name));
        figures.AddRange(DiscreteFixationFigure.Build(groups, Name));
        figures.AddRange(DiscreteEntropyFigure.Build(groups, Name));
        figures.AddRange(LinRegNoiseFigure.Build(groups, Name));

        var mixtures = CollapseLab.Mixtures.MixtureAnalysis.From(mixtureRuns);
        foreach (var study in mixtures)
        {
            string stem = Sanitize(study.Task) + "-mixture-" + string.Join("-", study.TaskParameters.Select(p => Sanitize(p.Key + p.Value)));
            foreach (var figure in MixtureFigures.Build(study, UniqueName(names, stem + "-g" + study.GeneratorSamples)))
                figures.Add(figure);
        }
        return new Report(groups, verdicts, figures, settings, notes, mixtures, mixtureRuns);
    }

    /// <summary>n, T and σ² for the 1-D picture: the smallest n of the d = 1 ML runs, their longest T (capped), else defaults.</summary>
    private static (int Samples, int Iterations, double Sigma2) DensityParameters(IReadOnlyList<RunGroup> gaussian)
    {
        var oneDimensional = gaussian.Where(g => g.TaskParameter("dim") == "1" && g.TaskParameter("estimator") is null or "mle").ToArray();
        if (oneDimensional.Length == 0) return (DensityDefaultSamples, DensityDefaultIterations, 1.0);
        int samples = oneDimensional.Min(g => g.Samples);
        int iterations = Math.Min(DensityMaxIterations, oneDimensional.Max(g => g.Iterations));
        double sigma2 = double.Parse(oneDimensional[0].TaskParameter("sigma2") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        return (samples, Math.Max(2, iterations), sigma2);
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
