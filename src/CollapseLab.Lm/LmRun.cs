using CollapseLab.Lm.Model;
using CollapseLab.Lm.Training;
using CollapseLab.Loop;
using CollapseLab.Random;
using TorchSharp;

namespace CollapseLab.Lm;

/// <summary>One run of the language-model setting: its real documents, and a fresh fine-tune of the base per iteration.</summary>
/// <param name="unused">Real training documents not in generation 0, the source of fresh real data.</param>
internal sealed class LmRun(LmSetting setting, Documents real, List<Document> unused, int samples, string? generationsFile)
    : ITaskRun<Documents>, IFreshRealData<Documents>
{
    private LmModel? _latest;

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
    /// Fine-tunes a fresh copy of the base on <paramref name="train"/>. The fit stream is split in two: one
    /// shuffles the training documents, the other draws the generation the model writes (see <see cref="LmModel"/>).
    /// </summary>
    public IModel<Documents> Fit(TrainingSet<Documents> train, Rng rng)
    {
        var device = Setting.Device();
        _latest?.Dispose(); // the loop never returns to an earlier model; free its weights now, not at finalisation
        _latest = null;
        var sequences = train.Materialize().Items
            .Select(d => ByteTokenizer.Encode(d.Text))
            .Where(s => s.Length <= Setting.Config.Context) // real ones were filtered already; synthetic ones always fit
            .ToArray();
        if (sequences.Length == 0) throw new InvalidOperationException("no training document fits the context");
        var model = new Gpt(Setting.Config);
        try
        {
            model.load_state_dict(Setting.Base.state_dict());
            model.to(device);
            var trainRng = rng.Split();
            FineTuner.Train(model, sequences, Setting.FineTuning, trainRng);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        _latest = new LmModel(this, model, rng.Split());
        return _latest;
    }
}
