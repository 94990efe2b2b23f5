using System.Globalization;
using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Workflows;

/// <summary>
/// Filtering of synthetic samples before they join the pool: draw ⌈size / q⌉ candidates and keep the
/// <c>size</c> best by a score, so every generation keeps its planned size.
/// <list type="bullet">
/// <item><c>truth-top:q</c>: most likely under the true distribution (a verifier).</item>
/// <item><c>model-top:q</c>: most likely under the generating model itself.</item>
/// <item><c>random:q</c>: a uniform random subset (the control: same number drawn, no selection).</item>
/// </list>
/// </summary>
public sealed record Curation(string Rule, double Keep)
{
    /// <summary>What the <c>curate</c> modifier accepts.</summary>
    public const string Accepted = "none, truth-top:Q, model-top:Q or random:Q with Q in (0, 1]";

    /// <summary>Parses <c>none</c> (null result with <paramref name="valid"/> true) or RULE:Q.</summary>
    public static Curation? Parse(string text, out bool valid)
    {
        valid = true;
        var parts = text.Trim().ToLowerInvariant().Split(':');
        if (parts is ["none"]) return null;
        valid = parts.Length == 2 && parts[0] is "truth-top" or "model-top" or "random"
            && ParameterSpec.TryParseReal(parts[1], out double q) && q > 0 && q <= 1;
        return valid ? new Curation(parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>The task ability this rule needs.</summary>
    public TaskAbilities Needs => Rule switch
    {
        "truth-top" => TaskAbilities.TruthLikelihood,
        "model-top" => TaskAbilities.ModelLikelihood,
        _ => TaskAbilities.None,
    };

    /// <summary>Draws candidates from <paramref name="model"/> and keeps <paramref name="size"/> of them (in drawn order).</summary>
    public TData Apply<TData>(ITaskRun<TData> run, IModel<TData> model, int size, Rng rng, MetricSink metrics)
        where TData : IDataset<TData>
    {
        int drawn = (int)Math.Min(int.MaxValue / 2, Math.Ceiling(size / Keep - 1e-9));
        var candidates = model.Sample(drawn, rng);
        metrics.Add(MetricNames.SamplesGenerated, drawn);
        metrics.Add(MetricNames.SamplesKept, size);
        if (drawn == size) return candidates;

        int[] kept;
        if (Rule == "random")
        {
            kept = rng.SampleWithoutReplacement(drawn, size);
        }
        else
        {
            double[] scores = Rule == "truth-top"
                ? ((ITruthLikelihood<TData>)run).TruthLogLikelihood(candidates)
                : ((IModelLikelihood<TData>)model).LogLikelihood(candidates);
            // Highest score first; ties broken by position so the choice is deterministic.
            kept = Enumerable.Range(0, drawn).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(size).ToArray();
        }
        Array.Sort(kept);
        return candidates.Take(kept);
    }

    /// <summary>The canonical text, <c>RULE:Q</c>, as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => $"{Rule}:{Keep.ToString("R", CultureInfo.InvariantCulture)}";
}
