using System.Globalization;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Workflows;

namespace CollapseLab.Mixtures;

/// <summary>
/// One cell (num_real, num_synthetic) of a mixture study, stored as the workflow <c>mixture</c> of a one-iteration run
/// so that the results store, merge, export and resume treat it like any run. It is not in
/// <see cref="WorkflowCatalog"/>: the generation loop never runs it, only <see cref="MixtureStudy"/>.
/// Its pool is entry 0 = the real pool, entry 1 = the synthetic pool.
/// </summary>
public sealed class MixtureCell : IWorkflow
{
    /// <summary>The workflow name mixture runs are stored under.</summary>
    public const string WorkflowName = "mixture";

    /// <summary>A cell's parameters, as stored with its run: the cell's sizes, the pools' sizes and the protocol.</summary>
    public static IReadOnlyList<ParameterSpec> Specs { get; } =
    [
        ParameterSpec.Int("num_real", "real training samples of the cell", null, min: 0),
        ParameterSpec.Int("num_synthetic", "synthetic training samples of the cell", null, min: 0),
        ParameterSpec.Int("generator_samples", "real samples the generator was fit to", null, min: 1),
        ParameterSpec.Int("real_pool", "real samples drawn per seed, of which each cell takes a random subset", null, min: 0),
        ParameterSpec.Int("synthetic_pool", "synthetic samples drawn per seed, of which each cell takes the first ones", null, min: 0),
        ParameterSpec.Choice(ProtocolKey, "collapselab: random real subsets, separate generator data; reference: the reference study's first rows and generator fit to the real split",
            "collapselab", "collapselab", "reference") with { OmitWhenDefault = true },
    ];

    /// <summary>The parameter naming the <see cref="MixtureProtocol"/> (omitted when it is the default, <c>collapselab</c>).</summary>
    public const string ProtocolKey = "protocol";

    /// <summary>Always <see cref="WorkflowName"/>: every cell is stored as a run of workflow <c>mixture</c>.</summary>
    public string Name => WorkflowName;
    /// <inheritdoc/>
    public ParameterValues Parameters { get; }
    /// <summary>Nothing joins the pool: a cell is a single fit.</summary>
    public PoolGrowth Growth => PoolGrowth.Default;

    /// <summary>Real training samples of the cell.</summary>
    public int NumReal { get; }
    /// <summary>Synthetic training samples of the cell.</summary>
    public int NumSynthetic { get; }
    /// <summary>Real samples the generator of the synthetic pool was fit to.</summary>
    public int GeneratorSamples { get; }
    /// <summary>Real samples drawn per seed, of which the cell takes <see cref="NumReal"/>.</summary>
    public int RealPool { get; }
    /// <summary>Synthetic samples drawn per seed, of which the cell takes the first <see cref="NumSynthetic"/>.</summary>
    public int SyntheticPool { get; }
    /// <summary>How the cell takes its real rows and what the generator is fit to.</summary>
    public MixtureProtocol Protocol { get; }

    /// <summary>A cell from stored (canonical) parameters.</summary>
    /// <exception cref="InvalidParameterException">A missing or invalid value, or a cell larger than its pools.</exception>
    public MixtureCell(ParameterValues parameters)
    {
        Parameters = parameters;
        NumReal = parameters.Int("num_real");
        NumSynthetic = parameters.Int("num_synthetic");
        GeneratorSamples = parameters.Int("generator_samples");
        RealPool = parameters.Int("real_pool");
        SyntheticPool = parameters.Int("synthetic_pool");
        Protocol = parameters.Text(ProtocolKey) == "reference" ? MixtureProtocol.Reference : MixtureProtocol.CollapseLab;
        if (NumReal > RealPool) throw new InvalidParameterException("num_real", $"num_real {NumReal} exceeds the real pool {RealPool}");
        if (NumSynthetic > SyntheticPool) throw new InvalidParameterException("num_synthetic", $"num_synthetic {NumSynthetic} exceeds the synthetic pool {SyntheticPool}");
    }

    /// <summary>The cell with the given sizes (see the properties of the same names).</summary>
    /// <exception cref="InvalidParameterException">A negative size, <paramref name="generatorSamples"/> &lt; 1, or a cell larger than its pools.</exception>
    public MixtureCell(int numReal, int numSynthetic, int generatorSamples, int realPool, int syntheticPool, MixtureProtocol protocol = MixtureProtocol.CollapseLab)
        : this(Parse(new Dictionary<string, string>
        {
            ["num_real"] = Text(numReal),
            ["num_synthetic"] = Text(numSynthetic),
            ["generator_samples"] = Text(generatorSamples),
            ["real_pool"] = Text(realPool),
            ["synthetic_pool"] = Text(syntheticPool),
            [ProtocolKey] = protocol == MixtureProtocol.Reference ? "reference" : "collapselab",
        }))
    {
    }

    /// <summary>The cell stored with <paramref name="values"/> (name → canonical text).</summary>
    public static MixtureCell Create(IReadOnlyDictionary<string, string> values) => new(Parse(values));

    private static ParameterValues Parse(IReadOnlyDictionary<string, string> values) => ParameterValues.Parse(Specs, values, "mixture cell");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A uniformly random subset of <see cref="NumReal"/> rows of the real pool (entry 0), or under the reference
    /// protocol its first <see cref="NumReal"/> rows, and the first <see cref="NumSynthetic"/> rows of the synthetic pool (entry 1).
    /// </summary>
    public Selection Select(IReadOnlyList<PoolEntry> pool, int iteration, int samples, Rng rng)
    {
        var parts = new List<SelectionPart>(2);
        if (NumReal > 0)
            parts.Add(new SelectionPart(0, Protocol == MixtureProtocol.Reference ? First(NumReal, pool[0].Count) : rng.SampleWithoutReplacement(pool[0].Count, NumReal)));
        if (NumSynthetic > 0)
            parts.Add(new SelectionPart(1, First(NumSynthetic, pool[1].Count)));
        return new Selection(parts);
    }

    /// <summary>The first <paramref name="count"/> rows of an entry of <paramref name="size"/> rows (null: all of them).</summary>
    private static int[]? First(int count, int size) => count == size ? null : Enumerable.Range(0, count).ToArray();
}
