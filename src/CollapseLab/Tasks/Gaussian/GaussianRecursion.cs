using CollapseLab.Loop;
using CollapseLab.Random;
using CollapseLab.Workflows;

namespace CollapseLab.Tasks.Gaussian;

/// <summary>Exact expectations of the Gaussian mean error and trace ratio at iterations 1..T.</summary>
/// <param name="MeanSqError">E‖μ̂_t‖² at index t − 1.</param>
/// <param name="TraceRatio">E tr Σ̂_t / (σ² d) at index t − 1.</param>
public sealed record GaussianExpectation(double[] MeanSqError, double[] TraceRatio);

/// <summary>
/// Exact Gaussian expectations for every workflow whose training sets are whole pool entries (replace,
/// accumulate, window, fresh, and any of them with fresh real data, growing generations, temperature or the
/// unbiased estimator), plus the derived recursions for accumulate-subsample and mix. Derivations: docs/theory.md.
/// </summary>
/// <remarks>
/// Whole-entry recursion. Every pool entry e has c_e samples with mean ḡ_e drawn from a source with
/// E tr Σ_src = V_e (the truth: σ²d; model t: τ·E tr Σ̂_t). The state is the matrix G_ef = E[ḡ_e·ḡ_f]. Training on
/// entries W with N = Σ c_e samples gives μ̂ = Σ c_e ḡ_e / N, so
/// E‖μ̂‖² = Σ_ef c_e c_f G_ef / N², E[μ̂·ḡ_f] = Σ_e c_e G_ef / N, and
/// E tr M2 = Σ_e (c_e − 1) V_e + Σ_e c_e G_ee − N E‖μ̂‖² (within-entry plus between-entry scatter).
/// A new synthetic entry of size c has G_new,f = E[μ̂·ḡ_f] and G_new,new = E‖μ̂‖² + τ E tr Σ̂ / c; a fresh real
/// entry of size k is uncorrelated with everything, with G = σ²d/k.
/// </remarks>
public static class GaussianRecursion
{
    /// <summary>The expectations for <paramref name="workflow"/> on <paramref name="setting"/>, or null when none is known (curation, other subsampling workflows with modifiers).</summary>
    public static GaussianExpectation? Expect(GaussianSetting setting, IWorkflow workflow, int samples, int iterations)
    {
        var growth = workflow.Growth;
        if (growth.Curation is not null) return null;
        bool plain = growth == PoolGrowth.Default && setting.Temperature == 1 && setting.Estimator == CovarianceEstimator.Mle;
        return workflow switch
        {
            AccumulateSubsample when plain => PerIteration(iterations, t =>
                (GaussianTheory.MeanSqError(workflow, setting.Dim, samples, setting.Sigma2, t)!.Value,
                 GaussianTheory.TraceRatio(workflow, samples, t)!.Value)),
            Mix mix when plain => MixExpectation(setting, mix.SyntheticFraction, samples, iterations),
            _ => WholeEntries(setting, workflow, samples, iterations),
        };
    }

    private static GaussianExpectation PerIteration(int iterations, Func<int, (double MeanSq, double Trace)> at)
    {
        var values = Enumerable.Range(1, iterations).Select(at).ToArray();
        return new GaussianExpectation(values.Select(v => v.MeanSq).ToArray(), values.Select(v => v.Trace).ToArray());
    }

    private static GaussianExpectation? WholeEntries(GaussianSetting setting, IWorkflow workflow, int n, int iterations)
    {
        double truth = setting.Sigma2 * setting.Dim, tau = setting.Temperature;
        var growth = workflow.Growth;
        var pool = new List<PoolEntry> { new(Origin.Real, 0, n) };
        var sourceTrace = new List<double> { truth };
        var g = new List<List<double>> { new() { truth / n } }; // G_ef, lower triangle stored by row
        double G(int e, int f) => e >= f ? g[e][f] : g[f][e];

        var meanSq = new double[iterations];
        var trace = new double[iterations];
        var rng = new Rng(0); // whole-entry workflows draw nothing
        for (int t = 1; t <= iterations; t++)
        {
            var selection = workflow.Select(pool, t, growth.Schedule.Size(n, t - 1), rng);
            if (selection.Parts.Any(p => p.Rows is not null)) return null;
            var entries = selection.Parts.Select(p => p.Entry).ToArray();
            double total = entries.Sum(e => (double)pool[e].Count);

            var cross = new double[pool.Count]; // E[μ̂·ḡ_f]
            for (int f = 0; f < pool.Count; f++)
                foreach (int e in entries) cross[f] += pool[e].Count * G(e, f) / total;
            double muSq = entries.Sum(f => pool[f].Count * cross[f]) / total;
            double scatter = entries.Sum(e => (pool[e].Count - 1) * sourceTrace[e] + pool[e].Count * G(e, e)) - total * muSq;
            double traceSigma = scatter / (setting.Estimator == CovarianceEstimator.Unbiased ? total - 1 : total);
            meanSq[t - 1] = muSq;
            trace[t - 1] = traceSigma / truth;
            if (t == iterations) break;

            int size = growth.Schedule.Size(n, t);
            Add(new PoolEntry(Origin.Synthetic, t, size), tau * traceSigma, cross, muSq + tau * traceSigma / size);
            if (growth.FreshReal > 0)
                Add(new PoolEntry(Origin.Real, t, growth.FreshReal), truth, new double[pool.Count], truth / growth.FreshReal);
        }
        return new GaussianExpectation(meanSq, trace);

        void Add(PoolEntry entry, double source, double[] crossWithOlder, double self)
        {
            var row = crossWithOlder.Take(pool.Count).ToList();
            row.Add(self);
            pool.Add(entry);
            sourceTrace.Add(source);
            g.Add(row);
        }
    }

    /// <summary>
    /// Mix with synthetic fraction f, s = round(f·n) synthetic and r = n − s real samples per training set, the
    /// real ones a fresh subset of the fixed real data. Per dimension and in units of σ², with D_t = E‖μ̂_t − m_R‖²
    /// (m_R the real data's mean) and S_t = E tr Σ̂_t: D_1 = 0, S_1 = (n−1)/n,
    /// D_t = (s/n)²(D + S/s) + r(n−r)/n³, S_t = [(s−1)S + (r−1) + (sr/n)(D + S/s + (n−r)/(rn))]/n, E‖μ̂_t‖² = σ²d(1/n + D_t).
    /// </summary>
    private static GaussianExpectation MixExpectation(GaussianSetting setting, double fraction, int n, int iterations)
    {
        int s = Math.Min(n, (int)Math.Round(fraction * n, MidpointRounding.AwayFromZero)), r = n - s;
        double d = 0, variance = (n - 1.0) / n;
        var meanSq = new double[iterations];
        var trace = new double[iterations];
        for (int t = 1; t <= iterations; t++)
        {
            if (t > 1)
            {
                double synthetic = s == 0 ? 0 : d + variance / s; // E‖ȳ − m_R‖² per dimension
                double realMean = r == 0 ? 0 : (n - r) / ((double)r * n); // E‖z̄ − m_R‖² per dimension
                double nextD = (double)s * s / ((double)n * n) * synthetic + (double)r * (n - r) / ((double)n * n * n);
                double within = (s > 0 ? (s - 1) * variance : 0) + (r > 0 ? r - 1 : 0);
                double between = s == 0 || r == 0 ? 0 : (double)s * r / n * (synthetic + realMean);
                variance = (within + between) / n;
                d = nextD;
            }
            meanSq[t - 1] = setting.Sigma2 * setting.Dim * (1.0 / n + d);
            trace[t - 1] = variance;
        }
        return new GaussianExpectation(meanSq, trace);
    }
}
