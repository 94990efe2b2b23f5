using CollapseLab.Parameters;

namespace CollapseLab.Mixtures;

/// <summary>The grid of a mixture study: real and synthetic training-set sizes, and the generator's real sample size.</summary>
public sealed record MixtureGrid
{
    /// <summary>num_real values, ascending, distinct.</summary>
    public IReadOnlyList<int> Real { get; }

    /// <summary>num_synthetic values, ascending, distinct.</summary>
    public IReadOnlyList<int> Synthetic { get; }

    /// <summary>Real samples the generator is fit to (default: the largest num_real).</summary>
    public int GeneratorSamples { get; }

    /// <summary>How cells take their real rows and what the generator is fit to (<see cref="MixtureProtocol"/>).</summary>
    public MixtureProtocol Protocol { get; }

    /// <summary>Whether the cell (0, 0) is run: it scores the model fit to nothing (tasks with <see cref="Loop.TaskAbilities.UnfittedModel"/>).</summary>
    public bool ScoresUnfitted { get; }

    /// <param name="real">num_real values.</param>
    /// <param name="synthetic">num_synthetic values.</param>
    /// <param name="generatorSamples">Real samples the generator is fit to (default: the largest num_real).</param>
    /// <param name="scoresUnfitted">True for a task that can score a model fit to nothing: the grid then includes (0, 0).</param>
    /// <param name="protocol">CollapseLab's (random real subsets, a separate generator sample) or the reference study's.</param>
    /// <exception cref="InvalidParameterException">Empty or negative sizes, a grid with only (0, 0) (unless <paramref name="scoresUnfitted"/>),
    /// generator samples &lt; 1, or, under the reference protocol, generator samples other than the real split or no real split.</exception>
    public MixtureGrid(IEnumerable<int> real, IEnumerable<int> synthetic, int? generatorSamples = null, bool scoresUnfitted = false,
        MixtureProtocol protocol = MixtureProtocol.CollapseLab)
    {
        ScoresUnfitted = scoresUnfitted;
        Protocol = protocol;
        Real = real.Distinct().Order().ToArray();
        Synthetic = synthetic.Distinct().Order().ToArray();
        if (Real.Count == 0) throw new InvalidParameterException("real", $"{InvalidParameterException.Name("real")} needs at least one size");
        if (Synthetic.Count == 0) throw new InvalidParameterException("synthetic", $"{InvalidParameterException.Name("synthetic")} needs at least one size");
        if (Real[0] < 0) throw new InvalidParameterException("real", $"invalid {InvalidParameterException.Name("real")} {Real[0]}: expected integers ≥ 0");
        if (Synthetic[0] < 0) throw new InvalidParameterException("synthetic", $"invalid {InvalidParameterException.Name("synthetic")} {Synthetic[0]}: expected integers ≥ 0");
        if (Real[^1] == 0 && Synthetic[^1] == 0 && !scoresUnfitted) throw new InvalidParameterException("real", $"the grid holds only the cell (0, 0), which trains on nothing: give a positive {InvalidParameterException.Name("real")} or {InvalidParameterException.Name("synthetic")} size");
        if (protocol == MixtureProtocol.Reference)
        {
            if (Real[^1] == 0) throw new InvalidParameterException("real", $"{InvalidParameterException.Name("protocol")} reference fits the generator to the real split (the largest {InvalidParameterException.Name("real")}), so {InvalidParameterException.Name("real")} needs a positive size");
            if (generatorSamples is { } given && given != Real[^1])
                throw new InvalidParameterException("generator-samples", $"invalid {InvalidParameterException.Name("generator-samples")} {given}: {InvalidParameterException.Name("protocol")} reference fits the generator to the whole real split, the largest {InvalidParameterException.Name("real")} ({Real[^1]})");
        }
        GeneratorSamples = generatorSamples ?? Math.Max(1, Real[^1]);
        if (GeneratorSamples < 1) throw new InvalidParameterException("generator-samples", $"invalid {InvalidParameterException.Name("generator-samples")} {GeneratorSamples}: expected an integer ≥ 1");
    }

    /// <summary>Real samples drawn per seed: the largest num_real.</summary>
    public int RealPool => Real[^1];

    /// <summary>Synthetic samples drawn per seed: the largest num_synthetic.</summary>
    public int SyntheticPool => Synthetic[^1];

    /// <summary>Every cell, num_real-major; (0, 0), which trains on nothing, only when <see cref="ScoresUnfitted"/>.</summary>
    public IEnumerable<MixtureCell> Cells =>
        from r in Real from s in Synthetic where r > 0 || s > 0 || ScoresUnfitted
        select new MixtureCell(r, s, GeneratorSamples, RealPool, SyntheticPool, Protocol);

    /// <summary>Parses a comma-separated list of sizes (e.g. <c>10,32,100</c>).</summary>
    /// <exception cref="InvalidParameterException">Not a list of integers ≥ 0.</exception>
    public static int[] ParseSizes(string text, string parameter)
    {
        var sizes = new List<int>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size))
                throw new InvalidParameterException(parameter, $"invalid {InvalidParameterException.Name(parameter)} '{text}': expected a comma-separated list of integers ≥ 0 (e.g. 10,32,100)");
            sizes.Add(size);
        }
        return sizes.ToArray();
    }
}

/// <summary>How a mixture study's cells take their real rows and what its generator is fit to (docs/mixtures.md).</summary>
public enum MixtureProtocol
{
    /// <summary>
    /// Each seed draws its own real pool; a cell trains on a uniformly random subset of num_real rows of it; the generator
    /// is fit to a separate real sample (fresh real data), so synthetic rows carry no information from the cell's real rows.
    /// </summary>
    CollapseLab,

    /// <summary>
    /// The reference study's: one real split, the same for every seed (drawn with data seed 0, like a fixed data set),
    /// of which a cell trains on the first num_real rows (nested across cells); the generator is the model fit to the
    /// whole real split, so synthetic data carry information from real rows the cell never sees.
    /// </summary>
    Reference,
}
