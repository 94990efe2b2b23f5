namespace CollapseLab.Loop;

/// <summary>Every metric name CollapseLab writes, exactly as the science contract (docs/semantics.md) spells it.</summary>
public static class MetricNames
{
    // Gaussian
    /// <summary>Σ_j μ̂_j²: the squared distance of the fitted mean from the true mean 0, summed over dimensions.</summary>
    public const string MeanSqError = "mean_sq_error";
    /// <summary>tr Σ̂ / (σ² d): the fitted variance relative to the truth's; 1 at the truth, towards 0 as the fit collapses.</summary>
    public const string CovTraceRatio = "cov_trace_ratio";
    /// <summary>log det Σ̂ − d·log σ²; −∞ when Σ̂ is singular.</summary>
    public const string CovLogdetRatio = "cov_logdet_ratio";
    /// <summary>exp(<c>cov_logdet_ratio</c>); may underflow to 0 or overflow to +∞ where the log does not.</summary>
    public const string CovDetRatio = "cov_det_ratio";
    /// <summary>Mean negative log-density (nats) of the fitted model on the run's held-out real test points (Gaussian: +∞ when Σ̂ is singular).</summary>
    public const string TestNll = "test_nll";
    /// <summary>Gaussian, d = 1 only: the fitted mean μ̂ itself, with its sign (its variance is cov_trace_ratio·σ²).</summary>
    public const string FittedMean = "fitted_mean";

    // Kernel density estimation (also TestNll)
    /// <summary>Mean per-dimension (biased) variance of the set the KDE is fit to.</summary>
    public const string TrainSpread = "train_spread";

    // Language model
    /// <summary>Mean token cross-entropy (nats per token) of the fine-tuned model on held-out real documents, end of text included.</summary>
    public const string EvalLoss = "eval_loss";
    /// <summary>eval_loss in bits per UTF-8 byte of the held-out documents: comparable across tokenizers.</summary>
    public const string EvalBitsPerByte = "eval_bits_per_byte";
    /// <summary>Share of the sampled sequences that were not well-formed documents, in [0, 1].</summary>
    public const string MalformedFraction = "malformed_fraction";
    /// <summary>Mean tokens (UTF-8 bytes) per kept document, end of text not counted.</summary>
    public const string MeanLength = "mean_length";
    /// <summary>Distinct word bigrams / word bigrams of the kept responses, in [0, 1].</summary>
    public const string Distinct2 = "distinct_2";
    /// <summary>Entropy (nats) of the empirical distribution of the kept documents' prompts.</summary>
    public const string PromptEntropy = "prompt_entropy";
    /// <summary>
    /// Collapse tails (Shumailov et al.): quantiles of log p(document) of each synthetic generation under the run's
    /// iteration-1 model, in nats per document.
    /// </summary>
    public const string TailLogLikelihoodP5 = "tail_loglik_p5";
    /// <summary>The median of the values of <see cref="TailLogLikelihoodP5"/>.</summary>
    public const string TailLogLikelihoodP50 = "tail_loglik_p50";
    /// <summary>The 95th percentile of the values of <see cref="TailLogLikelihoodP5"/>.</summary>
    public const string TailLogLikelihoodP95 = "tail_loglik_p95";
    /// <summary>
    /// The percentiles of the same values recorded for the tail-density figure: every 5% from 5 to 95, so a generation
    /// is drawn from 19 numbers. 5, 50 and 95 are <see cref="TailLogLikelihoodP5"/>, <see cref="TailLogLikelihoodP50"/>
    /// and <see cref="TailLogLikelihoodP95"/>; the others are recorded after them.
    /// </summary>
    public static IReadOnlyList<int> TailLogLikelihoodPercentiles { get; } = Enumerable.Range(1, 19).Select(i => 5 * i).ToArray();
    /// <summary>The percentiles of <see cref="TailLogLikelihoodPercentiles"/> other than 5, 50 and 95, in the order recorded after those three.</summary>
    public static IReadOnlyList<int> TailLogLikelihoodFinerPercentiles { get; } = TailLogLikelihoodPercentiles.Where(p => p is not (5 or 50 or 95)).ToArray();
    /// <summary>The name of the <paramref name="percent"/>th percentile of the values of <see cref="TailLogLikelihoodP5"/>: <c>tail_loglik_p10</c>.</summary>
    public static string TailLogLikelihood(int percent) => "tail_loglik_p" + percent.ToString(System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>Optimiser steps of a fine-tuning (recorded by mixture cells, where <c>--equal-steps</c> fixes it).</summary>
    public const string FineTuneSteps = "fine_tune_steps";
    /// <summary>Mean token cross-entropy on held-out text of the pretraining corpus (a from-scratch language model, <c>--init scratch</c>).</summary>
    public const string CorpusEvalLoss = "corpus_eval_loss";

    // Discrete
    /// <summary>Entropy (nats, 0·log 0 = 0) of the fitted discrete distribution.</summary>
    public const string Entropy = "entropy";
    /// <summary>1 − Σ p² of the fitted discrete distribution; exactly 0 at fixation.</summary>
    public const string GiniSimpson = "gini_simpson";
    /// <summary>Outcomes with p &gt; 0 in the fitted discrete distribution.</summary>
    public const string Support = "support";
    /// <summary>The first iteration whose fitted distribution has one outcome; recorded once, absent when a run never fixes (censored).</summary>
    public const string FixationIteration = "fixation_iteration";

    // Curation (recorded only when a workflow curates): candidates drawn and samples kept for the next generation
    /// <summary>Candidates drawn from the model, of which curation kept <see cref="SamplesKept"/>.</summary>
    public const string SamplesGenerated = "samples_generated";
    /// <summary>Samples curation kept for the next generation.</summary>
    public const string SamplesKept = "samples_kept";

    // Linear regression
    /// <summary>Mean over the test points x of (xᵀ(ŵ − w*))² (noise-free labels).</summary>
    public const string TestMse = "test_mse";
}
