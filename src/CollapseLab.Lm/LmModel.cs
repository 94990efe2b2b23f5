using CollapseLab.Lm.Corpora;
using CollapseLab.Lm.Model;
using CollapseLab.Lm.Sampling;
using CollapseLab.Lm.Training;
using CollapseLab.Loop;
using CollapseLab.Random;

namespace CollapseLab.Lm;

/// <summary>
/// One iteration's fine-tuned model. <see cref="Score"/> measures it on held-out real documents; <see cref="Sample"/> writes
/// documents from the stream it is given; <see cref="ScoreGeneration"/> profiles the generation the loop sampled (its
/// collapse tail scored under the run's iteration-1 model, <see cref="LmRun.TailReference"/>) and appends it to the
/// generations file.
/// </summary>
/// <param name="run">The run the model belongs to (its setting, validation data and tail reference).</param>
/// <param name="model">The fine-tuned network, owned (disposed with the model).</param>
/// <param name="steps">Optimiser steps of its fine-tuning (0 for the base model).</param>
internal sealed class LmModel(LmRun run, Gpt model, int steps) : IModel<Documents>, IGenerationScore<Documents>, IModelLikelihood<Documents>, IDisposable
{
    /// <summary>The fraction of written sequences that were malformed, in the latest <see cref="Sample"/> call.</summary>
    private double _malformedFraction = double.NaN;

    /// <summary>The fine-tuned network.</summary>
    internal Gpt Network => model;

    public Documents Sample(int n, Rng rng)
    {
        run.Setting.Device(); // this thread's libtorch thread count
        var outcome = DocumentSampler.Sample(model, run.Setting.Tokenizer, n, run.Setting.Temperature, checked(run.Setting.SampleAttempts * n), rng);
        _malformedFraction = outcome.MalformedFraction;
        return new Documents(outcome.Documents);
    }

    /// <summary>
    /// eval_loss (and eval_bits_per_byte) on the held-out real documents, corpus_eval_loss on held-out pretraining text
    /// for a from-scratch model, and the optimiser steps of the fine-tuning (<c>fine_tune_steps</c>, so that a budget is
    /// visible in the results).
    /// </summary>
    public void Score(MetricSink metrics)
    {
        run.Setting.Device();
        var data = run.Setting.Data;
        double evalLoss = Evaluation.MeanLoss(model, data.ValidationTokens);
        metrics.Add(MetricNames.EvalLoss, evalLoss);
        metrics.Add(MetricNames.EvalBitsPerByte, Evaluation.BitsPerByte(evalLoss, data.ValidationTokens.Sum(s => (long)s.Length), data.ValidationBytes));
        if (run.Setting.FromScratch) metrics.Add(MetricNames.CorpusEvalLoss, Evaluation.MeanLoss(model, run.Setting.CorpusEvalTokens));
        metrics.Add(MetricNames.FineTuneSteps, steps);
    }

    /// <summary>
    /// The collapse profile of <paramref name="generation"/> (malformed_fraction of the sampling that wrote it, the others of
    /// the documents as they join the pool), and the generation appended to the run's generations file.
    /// </summary>
    public void ScoreGeneration(Documents generation, MetricSink metrics)
    {
        run.Setting.Device();
        var documents = generation.Items;
        metrics.Add(MetricNames.MalformedFraction, _malformedFraction);
        metrics.Add(MetricNames.MeanLength, CollapseProfile.MeanLength(documents));
        metrics.Add(MetricNames.Distinct2, CollapseProfile.Distinct2(documents));
        metrics.Add(MetricNames.PromptEntropy, CollapseProfile.PromptEntropy(documents));
        var tail = Evaluation.LogLikelihoods(run.TailReference(this, metrics.Iteration), documents.Select(d => run.Setting.Tokenizer.Encode(d.Text)).ToArray());
        metrics.Add(MetricNames.TailLogLikelihoodP5, CollapseProfile.Quantile(tail, 0.05));
        metrics.Add(MetricNames.TailLogLikelihoodP50, CollapseProfile.Quantile(tail, 0.50));
        metrics.Add(MetricNames.TailLogLikelihoodP95, CollapseProfile.Quantile(tail, 0.95));
        // The rest of the 5% grid for the tail-density figure, after the three older metrics so their rows keep their places.
        foreach (int percent in MetricNames.TailLogLikelihoodFinerPercentiles)
            metrics.Add(MetricNames.TailLogLikelihood(percent), CollapseProfile.Quantile(tail, percent / 100.0));
        if (run.GenerationsFile is { } file)
        {
            using var writer = File.AppendText(file);
            SftJsonl.Write(writer, documents, metrics.Iteration);
        }
    }

    /// <summary>log p(document) under this fine-tuned model, for <c>--curate model-top:q</c>.</summary>
    public double[] LogLikelihood(Documents samples)
    {
        run.Setting.Device();
        return Evaluation.LogLikelihoods(model, samples.Items.Select(d => run.Setting.Tokenizer.Encode(d.Text)).ToArray());
    }

    public void Dispose() => model.Dispose();
}
