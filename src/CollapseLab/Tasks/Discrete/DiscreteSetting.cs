using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Tasks.Discrete;

/// <summary>
/// Discrete setting: the truth is uniform over K outcomes; each model is the empirical distribution
/// (proportions) of its training data, and a generation is n draws from it, kept as multinomial counts.
/// </summary>
/// <remarks>
/// Under Replace this is the neutral Wright–Fisher model: outcomes are lost one by one until one holds all the
/// mass (fixation, after ≈ 2n(K−1)·ln(K/(K−1)) generations). With <c>stop-at-fixation</c> the run ends at the
/// first iteration whose fitted distribution has a single outcome; the iteration cap still applies. That
/// iteration is recorded as <c>fixation_iteration</c> (with or without the flag, once per run). Under Accumulate a
/// run never fixes while the real data hold two outcomes; under Accumulate-Subsample a fixed model need not stay
/// fixed (the pool still holds the real data), but the flag still ends the run at the first fixed model.
/// </remarks>
public sealed class DiscreteSetting : TaskSetting<OutcomeCounts>, IRunCostModel
{
    /// <summary>The name of the flag that ends a run at fixation (<see cref="StopAtFixation"/>).</summary>
    public const string StopAtFixationKey = "stop-at-fixation";

    /// <summary>
    /// T of a discrete sweep without <c>iterations</c>, which runs to fixation (the reference's loop has no cap): 10⁷.
    /// Replace fixes after ≈ 2n(K−1)·ln(K/(K−1)) ≤ 2n generations on average, and the tail beyond is that of the
    /// coalescent's time to the most recent common ancestor, P(T &gt; 2n + x·n) ≲ 3e^−x; at the reference's largest
    /// n = 10⁵ the cap is 100 n, so a run is left unfixed with probability below 10⁻⁴⁰.
    /// </summary>
    public const int FixationIterationCap = 10_000_000;

    /// <summary>Workflows that train on the real data every iteration: with K ≥ 2 outcomes in it, they never fix.</summary>
    public static IReadOnlyList<string> NeverFixes { get; } = ["accumulate", "keep-real-subsample"];

    /// <summary>The catalogue entry of <c>discrete</c>.</summary>
    public static TaskInfo Info { get; } = new("discrete", "uniform distribution over K outcomes refit by empirical proportions",
        DiscreteParameters.Declaration.Specs, p => new DiscreteSetting(DiscreteParameters.Declaration.Read(p)))
    {
        Theory = DiscreteTheory.Expect,
    };

    /// <summary>The setting with <paramref name="parameters"/> (default: K = 10, no early stop).</summary>
    /// <exception cref="InvalidParameterException">A parameter out of range.</exception>
    public DiscreteSetting(DiscreteParameters? parameters = null)
    {
        Options = parameters ?? new();
        Parameters = DiscreteParameters.Declaration.Write(Options);
    }

    /// <inheritdoc/>
    public override string Name => "discrete";
    /// <inheritdoc/>
    public override ParameterValues Parameters { get; }

    /// <summary>One sample per generation is enough: every fit here is defined for n = 1.</summary>
    public override int MinimumSamples => 1;

    /// <summary>A generation is a count per outcome, whatever its size.</summary>
    public override int NumbersPerSample => 0;

    /// <summary>
    /// Fresh real data only. No likelihood curation: the uniform truth ties every sample, and a top-k rule that
    /// breaks ties by position would keep whole low-numbered outcomes instead of thinning all of them.
    /// </summary>
    public override TaskAbilities Abilities => TaskAbilities.FreshRealData;

    /// <summary>The typed parameters.</summary>
    public DiscreteParameters Options { get; }

    /// <inheritdoc cref="DiscreteParameters.Outcomes"/>
    public int Outcomes => Options.Outcomes;

    /// <inheritdoc cref="DiscreteParameters.StopAtFixation"/>
    public bool StopAtFixation => Options.StopAtFixation;

    /// <summary>
    /// Outcomes drawn or merged over the run, plus a fixed cost per iteration: an iteration costs O(support) (binomial
    /// draws, count merges), at most K' = min(K, n). Under Replace the support falls like the coalescent's ≈ 2n/t
    /// lineages, and a run stopped at fixation lasts ≈ <see cref="DiscreteTheory.FixationIteration"/> iterations,
    /// not its cap; other workflows keep about K' outcomes for all T iterations. Workflows that train on a random
    /// subset of the pool (Accumulate-Subsample, Keep-Real-Subsample, Mix) also pay per selected sample (drawing its
    /// index, locating its entry and outcome, sorting) and merge the subset's per-entry counts: at n = 10⁵ that, not
    /// the binomial draws, is most of their time (docs/benchmarks.md, "Discrete cost model").
    /// </summary>
    public double EstimateCost(RunSpec run)
    {
        const double perIteration = 20, perSubsampledSample = 2.3, perSubsetOutcome = 1.5;
        double support = Math.Min(Outcomes, run.Samples);
        if (run.Workflow is Workflows.AccumulateSubsample or Workflows.KeepRealSubsample or Workflows.Mix)
            return run.Iterations * ((1 + perSubsetOutcome) * support + perSubsampledSample * run.Samples + perIteration);
        if (run.Workflow is not Workflows.Replace) return run.Iterations * (support + perIteration);
        double iterations = StopAtFixation ? Math.Min(run.Iterations, DiscreteTheory.FixationIteration(Outcomes, run.Samples) + 1) : run.Iterations;
        double fullSupport = Math.Min(iterations, 2.0 * run.Samples / support); // until 2n/t falls below K'
        return fullSupport * support + 2.0 * run.Samples * Math.Log(Math.Max(1, iterations / fullSupport)) + iterations * perIteration;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// From whole runs to fixation at K = n = 10⁵ (0.4–0.7 s; docs/benchmarks.md, "Paper parts"); the subsample terms
    /// from single T = 100 runs at K ∈ {10, …, 10⁵}, n ∈ {10³, …, 10⁵} (docs/benchmarks.md, "Discrete cost model").
    /// </remarks>
    public double? SecondsPerUnit => 8.5e-8;

    /// <exception cref="InvalidParameterException"><paramref name="samples"/> &lt; 1.</exception>
    public override ITaskRun<OutcomeCounts> Start(int samples, ulong seed)
    {
        if (samples < 1) throw new InvalidParameterException("samples", $"invalid {InvalidParameterException.Name("samples")} {samples} for task discrete: expected an integer ≥ 1");
        return new DiscreteRun(this, DrawTruth(samples, Rng.For(seed, RngStream.Real)));
    }

    /// <summary>n draws from the uniform distribution over the K outcomes.</summary>
    public OutcomeCounts DrawTruth(int n, Rng rng)
    {
        if (Outcomes > n)
        {
            // Fewer draws than outcomes: draw them one by one, O(n log n) rather than O(K).
            var draws = new int[n];
            for (int i = 0; i < n; i++) draws[i] = rng.NextInt(Outcomes);
            return OutcomeCounts.FromDraws(draws);
        }
        var weights = new long[Outcomes];
        Array.Fill(weights, 1);
        var counts = new int[Outcomes];
        Multinomial.Sample(weights, n, rng, counts);
        return new OutcomeCounts(CountVector.FromPositive(Enumerable.Range(0, Outcomes).ToArray(), counts));
    }
}
