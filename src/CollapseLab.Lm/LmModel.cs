using CollapseLab.Lm.Corpora;
using CollapseLab.Lm.Model;
using CollapseLab.Lm.Sampling;
using CollapseLab.Lm.Training;
using CollapseLab.Loop;
using CollapseLab.Random;

namespace CollapseLab.Lm;

/// <summary>
/// One iteration's fine-tuned model. The collapse profile describes the generation this model writes, and the
/// loop scores a model before it samples, so the generation is written once, in <see cref="Score"/>, from a
/// stream of the fit, and <see cref="Sample"/> hands the same documents to the pool. The generation's collapse tail is
/// scored under the run's iteration-1 model (<see cref="LmRun.TailReference"/>).
/// </summary>
/// <param name="steps">Optimiser steps of its fine-tuning (0 for the base model).</param>
internal sealed class LmModel(LmRun run, Gpt model, Rng generationRng, int steps) : IModel<Documents>, IModelLikelihood<Documents>, IDisposable
{
    private Documents? _generation;

    /// <summary>The fine-tuned network.</summary>
    internal Gpt Network => model;

    public Documents Sample(int n, Rng rng)
    {
        if (_generation is not null && n == _generation.Count) return _generation;
        return new Documents(Write(n, rng).Documents);
    }

    public void Score(MetricSink metrics)
    {
        var data = run.Setting.Data;
        double evalLoss = Evaluation.MeanLoss(model, data.ValidationTokens);
        metrics.Add(MetricNames.EvalLoss, evalLoss);
        metrics.Add(MetricNames.EvalBitsPerByte, Evaluation.BitsPerByte(evalLoss, data.ValidationTokens.Sum(s => (long)s.Length), data.ValidationBytes));
        if (run.Setting.FromScratch) metrics.Add(MetricNames.CorpusEvalLoss, Evaluation.MeanLoss(model, run.Setting.CorpusEvalTokens));
        var outcome = Write(run.Samples, generationRng);
        _generation = new Documents(outcome.Documents);
        metrics.Add(MetricNames.MalformedFraction, outcome.MalformedFraction);
        metrics.Add(MetricNames.MeanLength, CollapseProfile.MeanLength(outcome.Documents));
        metrics.Add(MetricNames.Distinct2, CollapseProfile.Distinct2(outcome.Documents));
        metrics.Add(MetricNames.PromptEntropy, CollapseProfile.PromptEntropy(outcome.Documents));
        var tail = Evaluation.LogLikelihoods(run.TailReference(this, metrics.Iteration), outcome.Documents.Select(d => ByteTokenizer.Encode(d.Text)).ToArray());
        metrics.Add(MetricNames.TailLogLikelihoodP5, CollapseProfile.Quantile(tail, 0.05));
        metrics.Add(MetricNames.TailLogLikelihoodP50, CollapseProfile.Quantile(tail, 0.50));
        metrics.Add(MetricNames.TailLogLikelihoodP95, CollapseProfile.Quantile(tail, 0.95));
        if (run.GenerationsFile is { } file)
        {
            using var writer = File.AppendText(file);
            SftJsonl.Write(writer, outcome.Documents, metrics.Iteration);
        }
    }

    /// <summary>
    /// eval_loss and the optimiser steps of the fine-tuning (<c>fine_tune_steps</c>, so that a budget is visible in the
    /// results), without writing a generation: what a mixture cell records.
    /// </summary>
    public void ScoreTestData(MetricSink metrics)
    {
        run.Setting.Device();
        metrics.Add(MetricNames.EvalLoss, Evaluation.MeanLoss(model, run.Setting.Data.ValidationTokens));
        if (run.Setting.FromScratch) metrics.Add(MetricNames.CorpusEvalLoss, Evaluation.MeanLoss(model, run.Setting.CorpusEvalTokens));
        metrics.Add(MetricNames.FineTuneSteps, steps);
    }

    /// <summary>log p(document) under this fine-tuned model, for <c>--curate model-top:q</c>.</summary>
    public double[] LogLikelihood(Documents samples)
    {
        run.Setting.Device();
        return Evaluation.LogLikelihoods(model, samples.Items.Select(d => ByteTokenizer.Encode(d.Text)).ToArray());
    }

    private SampleOutcome Write(int n, Rng rng)
    {
        run.Setting.Device(); // this thread's libtorch thread count
        return DocumentSampler.Sample(model, n, run.Setting.Temperature, checked(run.Setting.SampleAttempts * n), rng);
    }

    public void Dispose() => model.Dispose();
}
