namespace CollapseLab.Loop;

/// <summary>Every metric name CollapseLab writes, exactly as the science contract (docs/semantics.md) spells it.</summary>
public static class MetricNames
{
    // Gaussian
    public const string MeanSqError = "mean_sq_error";
    public const string CovTraceRatio = "cov_trace_ratio";
    public const string CovLogdetRatio = "cov_logdet_ratio";
    public const string CovDetRatio = "cov_det_ratio";
    public const string TestNll = "test_nll";

    // Kernel density estimation (also TestNll)
    public const string TrainSpread = "train_spread";

    // Language model
    public const string EvalLoss = "eval_loss";
    /// <summary>eval_loss in bits per UTF-8 byte of the held-out documents: comparable across tokenizers.</summary>
    public const string EvalBitsPerByte = "eval_bits_per_byte";
    public const string MalformedFraction = "malformed_fraction";
    public const string MeanLength = "mean_length";
    public const string Distinct2 = "distinct_2";
    public const string PromptEntropy = "prompt_entropy";
    /// <summary>
    /// Collapse tails (Shumailov et al.): quantiles of log p(document) of each synthetic generation under the run's
    /// iteration-1 model, in nats per document.
    /// </summary>
    public const string TailLogLikelihoodP5 = "tail_loglik_p5";
    public const string TailLogLikelihoodP50 = "tail_loglik_p50";
    public const string TailLogLikelihoodP95 = "tail_loglik_p95";
    /// <summary>Optimiser steps of a fine-tuning (recorded by mixture cells, where <c>--equal-steps</c> fixes it).</summary>
    public const string FineTuneSteps = "fine_tune_steps";
    /// <summary>Mean token cross-entropy on held-out text of the pretraining corpus (a from-scratch language model, <c>--init scratch</c>).</summary>
    public const string CorpusEvalLoss = "corpus_eval_loss";

    // Discrete
    public const string Entropy = "entropy";
    public const string GiniSimpson = "gini_simpson";
    public const string Support = "support";
    public const string FixationIteration = "fixation_iteration";

    // Curation (recorded only when a workflow curates): candidates drawn and samples kept for the next generation
    public const string SamplesGenerated = "samples_generated";
    public const string SamplesKept = "samples_kept";

    // Linear regression
    public const string TestMse = "test_mse";
}
