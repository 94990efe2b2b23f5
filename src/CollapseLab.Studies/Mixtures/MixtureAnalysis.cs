using CollapseLab.Loop;
using CollapseLab.Reports;

namespace CollapseLab.Mixtures;

/// <summary>The seeds of one cell: the loss summarized over completed runs, failures counted with one reason.</summary>
public sealed record MixtureCellSummary(int NumReal, int NumSynthetic, SeedSummary Loss, int Failed, string? FirstError)
{
    /// <summary>num_real / (num_real + num_synthetic).</summary>
    public double RealFraction => (double)NumReal / (NumReal + NumSynthetic);
}

/// <summary>
/// One mixture study as a report shows it: the runs of one task setting (task parameters, generator sample size,
/// pools and protocol), the task's loss per cell over seeds, and the regression of the cells' mean loss on the cell sizes.
/// </summary>
public sealed record MixtureAnalysis(
    string Task,
    IReadOnlyList<KeyValuePair<string, string>> TaskParameters,
    int GeneratorSamples,
    string Metric,
    IReadOnlyList<MixtureCellSummary> Cells,
    MixtureRegression? Regression,
    int Seeds,
    MixtureProtocol Protocol = MixtureProtocol.CollapseLab)
{
    /// <summary>The task parameters that apply to the data set or variant shown, for titles (<see cref="RunGroup.ShownTaskParameters"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ShownTaskParameters { get; init; } = TaskParameters;

    /// <summary>"" for CollapseLab's protocol, else how the study took its data, for titles.</summary>
    public string ProtocolNote => Protocol == MixtureProtocol.Reference ? " · reference protocol (first num_real rows of one real split, generator fit to all of it)" : "";

    /// <summary>The results that are mixture cells.</summary>
    public static bool IsMixture(RunResult result) => result.Spec.Workflow is MixtureCell;

    /// <summary>One analysis per study among <paramref name="results"/> (non-mixture results are ignored).</summary>
    public static IReadOnlyList<MixtureAnalysis> From(IEnumerable<RunResult> results)
    {
        var analyses = new List<MixtureAnalysis>();
        var studies = results.Where(IsMixture).GroupBy(r =>
        {
            var cell = (MixtureCell)r.Spec.Workflow;
            return $"{r.Spec.Task.Name}\n{RunGroup.FormatParameters(r.Spec.Task.Parameters.Canonical)}\n{cell.GeneratorSamples}/{cell.RealPool}/{cell.SyntheticPool}/{cell.Protocol}";
        });
        foreach (var study in studies.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var runs = study.ToArray();
            var metrics = runs.SelectMany(r => r.Metrics.Select(m => m.Metric)).Distinct().ToArray();
            string metric = MetricInfo.LossOf(metrics) ?? MetricNames.TestNll;
            double LossOf(RunResult r) => r.Metrics.Where(m => m.Metric == metric).Select(m => m.Value).DefaultIfEmpty(double.NaN).Last();

            var cells = runs.GroupBy(r => ((MixtureCell)r.Spec.Workflow) is var c ? (c.NumReal, c.NumSynthetic) : default)
                .OrderBy(g => g.Key.NumReal).ThenBy(g => g.Key.NumSynthetic)
                .Select(g =>
                {
                    var completed = g.Where(r => r.Succeeded).ToArray();
                    var failed = g.Where(r => !r.Succeeded).ToArray();
                    return new MixtureCellSummary(g.Key.NumReal, g.Key.NumSynthetic, SeedSummary.Of(completed.Select(LossOf).ToArray()),
                        failed.Length, failed.FirstOrDefault()?.Error);
                }).ToArray();
            // the fit is of the mean-loss surface the heat map shows: one point per cell whose mean is finite, because a
            // single near-singular run (a finite test NLL of 1e15) would otherwise decide every coefficient
            var regression = MixtureRegression.Fit(cells.Where(c => c.Failed == 0).Select(c => (c.NumReal, c.NumSynthetic, c.Loss.Mean)));
            var first = runs[0];
            analyses.Add(new MixtureAnalysis(first.Spec.Task.Name, first.Spec.Task.Parameters.Canonical.ToArray(),
                ((MixtureCell)first.Spec.Workflow).GeneratorSamples, metric, cells, regression,
                runs.Select(r => r.Spec.Seed).Distinct().Count(), ((MixtureCell)first.Spec.Workflow).Protocol)
            { ShownTaskParameters = RunGroup.ShownParameters(first.Spec.Task.Parameters.Specs, first.Spec.Task.Parameters.Canonical.ToArray()) });
        }
        return analyses;
    }
}
