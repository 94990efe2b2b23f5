using CollapseLab.Loop;

namespace CollapseLab.Reports;

/// <summary>
/// How a report shows one metric: the axis label with its unit, a one-line meaning, which direction is collapse (a
/// loss gets worse upwards; entropy or a variance ratio gets worse downwards), the value of a degenerate absorbing
/// state when the metric has one (entropy 0, support 1, a variance ratio 0, a loss of +∞: once there, the generation
/// loop cannot leave), whether it is bookkeeping (a step count, an iteration number) rather than a measure of the
/// fitted model, so no verdict is taken on it, and whether it gets a figure of its own (a metric recorded for another
/// figure does not).
/// </summary>
public sealed record MetricInfo(string Name, string Label, string Meaning, bool HigherIsWorse, double? Absorbing = null, bool Bookkeeping = false, bool HasFigure = true)
{
    /// <summary>
    /// Each task's main metric, in the order tried: the first one a task's runs recorded is its loss (the
    /// quantity the collapse verdict is about).
    /// </summary>
    public static IReadOnlyList<string> LossPreference { get; } =
        [MetricNames.TestNll, MetricNames.TestMse, MetricNames.EvalLoss, MetricNames.Entropy];

    private static readonly Dictionary<string, MetricInfo> Known = new MetricInfo[]
    {
        new(MetricNames.TestNll, "test NLL (nats per point)", "mean negative log-likelihood of held-out real data under the fitted model", true, Absorbing: double.PositiveInfinity),
        new(MetricNames.MeanSqError, "squared error of the mean (data units²)", "‖μ_fit − μ‖², summed over dimensions", true),
        new(MetricNames.FittedMean, "fitted mean (data units; d = 1)", "μ_fit, the fitted mean itself, for the fitted-density picture", false, Bookkeeping: true, HasFigure: false),
        new(MetricNames.CovTraceRatio, "covariance trace ratio (fitted / true)", "tr Σ_fit / (σ² d)", false, Absorbing: 0),
        new(MetricNames.CovLogdetRatio, "log-determinant ratio (nats)", "log det Σ_fit − d log σ²", false, Absorbing: double.NegativeInfinity),
        new(MetricNames.CovDetRatio, "covariance determinant ratio (fitted / true)", "det Σ_fit / σ^(2d)", false, Absorbing: 0),
        new(MetricNames.TrainSpread, "training-set variance (data units², per dim.)", "mean per-dimension variance of the training set", false, Absorbing: 0),
        new(MetricNames.EvalLoss, "eval loss (nats per token)", "mean token cross-entropy on held-out real documents", true, Absorbing: double.PositiveInfinity),
        new(MetricNames.EvalBitsPerByte, "eval loss (bits per byte)", "held-out real documents' cross-entropy in bits per UTF-8 byte (comparable across tokenizers)", true, Absorbing: double.PositiveInfinity),
        new(MetricNames.MalformedFraction, "malformed samples (fraction)", "fraction of sampled documents rejected as malformed", true),
        new(MetricNames.MeanLength, "mean document length (tokens)", "mean length of the kept synthetic documents in byte tokens", false),
        new(MetricNames.Distinct2, "distinct bigrams (fraction)", "distinct bigrams / bigrams in the synthetic generation", false),
        new(MetricNames.PromptEntropy, "prompt entropy (nats)", "entropy of the synthetic prompts", false),
        new(MetricNames.TailLogLikelihoodP5, "tail log-likelihood p5 (nats per document)", "5th percentile of log p(document) of the synthetic generation under the iteration-1 model", false),
        new(MetricNames.TailLogLikelihoodP50, "tail log-likelihood median (nats per document)", "median of log p(document) of the synthetic generation under the iteration-1 model", false),
        new(MetricNames.TailLogLikelihoodP95, "tail log-likelihood p95 (nats per document)", "95th percentile of log p(document) of the synthetic generation under the iteration-1 model", false),
        new(MetricNames.CorpusEvalLoss, "pretraining-corpus eval loss (nats per token)", "mean token cross-entropy on text of the pretraining corpus, which a from-scratch model never trains on", true, Absorbing: double.PositiveInfinity),
        new(MetricNames.FineTuneSteps, "fine-tuning steps", "optimizer steps the model was fine-tuned for (fixed by --equal-steps)", false, Bookkeeping: true),
        new(MetricNames.Entropy, "entropy (nats)", "entropy of the fitted distribution", false, Absorbing: 0),
        new(MetricNames.GiniSimpson, "Gini–Simpson index (probability)", "1 − Σ p²: chance two draws differ", false, Absorbing: 0),
        new(MetricNames.Support, "support (outcomes)", "outcomes with positive probability", false, Absorbing: 1),
        new(MetricNames.FixationIteration, "fixation iteration", "iteration at which one outcome held all mass", false, Bookkeeping: true),
        new(MetricNames.SamplesGenerated, "candidates drawn (samples)", "synthetic samples drawn before curation kept some", false, Bookkeeping: true),
        new(MetricNames.SamplesKept, "samples kept", "synthetic samples curation kept for the next generation", false, Bookkeeping: true),
        new(MetricNames.TestMse, "test MSE (label units²)", "mean squared error of predictions against noise-free test labels", true, Absorbing: double.PositiveInfinity),
    }.Concat(MetricNames.TailLogLikelihoodFinerPercentiles.Select(p => new MetricInfo(MetricNames.TailLogLikelihood(p),
        $"tail log-likelihood p{p} (nats per document)", $"{p}th percentile of log p(document) of the synthetic generation under the iteration-1 model, for the tail-density figure",
        false, HasFigure: false))).ToDictionary(m => m.Name);

    /// <summary>The description of <paramref name="metric"/>; an unknown metric is labelled by its name and treated as a loss.</summary>
    public static MetricInfo Of(string metric) =>
        Known.TryGetValue(metric, out var info) ? info : new MetricInfo(metric, metric, metric, true);

    /// <summary>The loss among <paramref name="metrics"/> (see <see cref="LossPreference"/>), or the first metric when none is known.</summary>
    public static string? LossOf(IReadOnlyCollection<string> metrics) =>
        LossPreference.FirstOrDefault(metrics.Contains) ?? metrics.FirstOrDefault();

    /// <summary>
    /// Metrics in report order: the loss first (<paramref name="loss"/>, or by default <see cref="LossOf"/>), then the
    /// catalogue's order, then unknown ones by name.
    /// </summary>
    public static IReadOnlyList<string> Order(IReadOnlyCollection<string> metrics, string? loss = null)
    {
        loss ??= LossOf(metrics);
        var catalogue = Known.Keys.ToList();
        return metrics
            .OrderBy(m => m == loss ? 0 : 1)
            .ThenBy(m => catalogue.IndexOf(m) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(m => m, StringComparer.Ordinal)
            .ToArray();
    }
}
