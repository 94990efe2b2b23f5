using CollapseLab.Loop;
using CollapseLab.Random;

namespace CollapseLab.Tasks.Discrete;

/// <summary>A fitted empirical distribution p_k = c_k / N over the K outcomes.</summary>
internal sealed class DiscreteModel(DiscreteRun run, CountVector counts) : IModel<OutcomeCounts>
{
    /// <summary>The training counts c (only outcomes with c_k &gt; 0).</summary>
    public CountVector Counts { get; } = counts;

    /// <summary>True when one outcome holds all the mass.</summary>
    public bool IsFixed => Counts.Support == 1;

    public bool EndsRun => run.Setting.StopAtFixation && IsFixed;

    /// <summary>n draws as multinomial counts: O(support) binomial draws, whatever n is.</summary>
    public OutcomeCounts Sample(int n, Rng rng)
    {
        var drawn = new int[Counts.Support];
        Multinomial.Sample(Counts.Counts, n, rng, drawn);
        return new OutcomeCounts(CountVector.FromPositive(Counts.Outcomes, drawn));
    }

    public void Score(MetricSink metrics)
    {
        metrics.Add(MetricNames.Entropy, Entropy);
        metrics.Add(MetricNames.GiniSimpson, GiniSimpson);
        metrics.Add(MetricNames.Support, Counts.Support);
        // The run remembers the first fixed iteration: without stop-at-fixation, Replace stays fixed and later
        // models must not report it again.
        if (IsFixed && run.FixationIteration is null)
        {
            run.FixationIteration = metrics.Iteration;
            metrics.Add(MetricNames.FixationIteration, metrics.Iteration);
        }
    }

    /// <summary>−Σ p_k log p_k in nats over outcomes with p_k &gt; 0 (0·log 0 = 0), so never NaN; 0 when fixed.</summary>
    public double Entropy
    {
        get
        {
            double n = Counts.Total, entropy = 0;
            foreach (long c in Counts.Counts)
            {
                double p = c / n;
                entropy -= p * Math.Log(p);
            }
            return entropy;
        }
    }

    /// <summary>1 − Σ p_k², computed as Σ c_k (N − c_k) / N² so that it is never negative and exactly 0 when fixed.</summary>
    public double GiniSimpson
    {
        get
        {
            double n = Counts.Total, sum = 0;
            foreach (long c in Counts.Counts) sum += (double)c * (Counts.Total - c);
            return sum / (n * n);
        }
    }
}
