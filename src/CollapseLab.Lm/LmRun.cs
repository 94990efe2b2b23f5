using CollapseLab.Lm.Model;
using CollapseLab.Lm.Training;
using CollapseLab.Loop;
using CollapseLab.Random;
using TorchSharp;

namespace CollapseLab.Lm;

/// <summary>
/// One run of the language-model setting: its real documents, and per iteration a fresh fine-tune of the base, or under
/// <c>--init scratch</c> a freshly initialised model trained on the iteration's documents alone.
/// </summary>
/// <param name="setting">The run's view of the setting (its data, base model and generations file name).</param>
/// <param name="real">Generation 0: n real documents.</param>
/// <param name="unused">Real training documents not in generation 0, the source of fresh real data.</param>
/// <param name="samples">n, the size of every generation.</param>
/// <param name="generationsFile">The JSONL file generations are appended to, or null for none.</param>
/// <param name="initialisation">The run's own initialisation stream (its seed's setup stream): one split per from-scratch model.</param>
internal sealed class LmRun(LmSetting setting, Documents real, List<Document> unused, int samples, string? generationsFile, Rng initialisation)
    : ITaskRun<Documents>, IFreshRealData<Documents>, IGeneratorFit<Documents>, IUnfittedModel<Documents>
{
    private LmModel? _latest;
    private LmModel? _tailReference;

    /// <summary><paramref name="n"/> real documents drawn without replacement from those this run has not used yet.</summary>
    public Documents DrawReal(int n, Rng rng)
    {
        if (n > unused.Count)
            throw new InvalidOperationException($"fresh real data exhausted: {n} documents asked, {unused.Count} unused real documents left (lower --fresh-real or --iterations, or bring more with --sft-data)");
        var chosen = rng.SampleWithoutReplacement(unused.Count, n);
        var documents = chosen.Select(i => unused[i]).ToArray();
        foreach (int i in chosen.OrderDescending()) unused.RemoveAt(i);
        return new Documents(documents);
    }

    public Documents Real { get; } = real;
    public LmSetting Setting { get; } = setting;

    /// <summary>n, the size of every generation.</summary>
    public int Samples { get; } = samples;

    /// <summary>The JSONL file generations are appended to, or null.</summary>
    public string? GenerationsFile { get; } = generationsFile;

    /// <summary>
    /// Fine-tunes a fresh copy of the base (or, from scratch, a new model) on <paramref name="train"/> (by the setting's
    /// step budget when it has one), shuffling the training documents with a stream split from <paramref name="rng"/>.
    /// </summary>
    public IModel<Documents> Fit(TrainingSet<Documents> train, Rng rng) => Fit(train, rng, Setting.FineTuning);

    /// <summary>The mixture study's generator: fine-tuned by <c>--epochs</c> even under <c>--equal-steps</c>, so the budget does not change the synthetic pool.</summary>
    public IModel<Documents> FitGenerator(TrainingSet<Documents> train, Rng rng) => Fit(train, rng, Setting.FineTuning.ByEpochs());

    /// <summary>The model an iteration starts from, not trained: a copy of the base (or a new model, from scratch); a mixture study's (0, 0) cell.</summary>
    public IModel<Documents> Unfitted(Rng rng)
    {
        var device = Setting.Device();
        ReleaseLatest();
        var model = NewModel();
        try
        {
            model.to(device);
            model.eval();
        }
        catch
        {
            model.Dispose();
            throw;
        }
        _latest = new LmModel(this, model, steps: 0);
        return _latest;
    }

    private LmModel Fit(TrainingSet<Documents> train, Rng rng, FineTuneOptions options)
    {
        var device = Setting.Device();
        ReleaseLatest();
        var sequences = train.Materialize().Items
            .Select(d => Setting.Tokenizer.Encode(d.Text))
            .Where(s => s.Length <= Setting.Config.Context) // real ones were filtered already; synthetic ones always fit
            .ToArray();
        if (sequences.Length == 0) throw new InvalidOperationException("no training document fits the context");
        var model = NewModel();
        int steps;
        try
        {
            model.to(device);
            var trainRng = rng.Split();
            steps = FineTuner.Train(model, sequences, options, trainRng).Length;
        }
        catch
        {
            model.Dispose();
            throw;
        }
        _latest = new LmModel(this, model, steps);
        return _latest;
    }

    /// <summary>
    /// The model an iteration starts from: a copy of the base, or under <c>--init scratch</c> new weights from the next
    /// split of the run's initialisation stream (so iteration t's weights depend only on the seed and t, not on the data).
    /// </summary>
    private Gpt NewModel()
    {
        if (Setting.FromScratch) return new Gpt(Setting.Config, initialisation.Split());
        var model = new Gpt(Setting.Config);
        try
        {
            model.load_state_dict(Setting.Base.state_dict());
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return model;
    }

    /// <summary>
    /// The network generation <paramref name="iteration"/>'s documents are scored under for the collapse tail: the
    /// iteration-1 model, which <paramref name="model"/> is when <paramref name="iteration"/> is 1 and which is then kept
    /// for the rest of the run (a fixed yardstick, as in Shumailov et al.).
    /// </summary>
    /// <exception cref="InvalidOperationException">A later iteration is scored before iteration 1.</exception>
    internal Gpt TailReference(LmModel model, int iteration)
    {
        if (iteration == 1) _tailReference = model;
        return (_tailReference ?? throw new InvalidOperationException($"iteration {iteration} was scored before iteration 1, whose model the collapse tail is measured under")).Network;
    }

    /// <summary>The loop never returns to an earlier model: free its weights now, not at finalisation (except the tail's reference).</summary>
    private void ReleaseLatest()
    {
        if (!ReferenceEquals(_latest, _tailReference)) _latest?.Dispose();
        _latest = null;
    }
}
