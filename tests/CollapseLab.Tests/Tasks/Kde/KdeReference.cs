using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Random;
using CollapseLab.Tests.Support;
using CollapseLab.Tasks.Kde;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Tasks.Kde;

/// <summary>Brute-force references and helpers shared by the KDE tests.</summary>
internal static class KdeReference
{
    /// <summary>log p(x) of a Gaussian-kernel KDE, the obvious way: double precision, two-pass log-sum-exp.</summary>
    public static double LogDensity(ReadOnlySpan<double> x, Rows train, double h)
    {
        int n = train.Count, d = train.Dim;
        var exponents = new double[n];
        double max = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            var y = train.Row(i);
            double squares = 0;
            for (int j = 0; j < d; j++) squares += (x[j] - y[j]) * (x[j] - y[j]);
            exponents[i] = -squares / (2 * h * h);
            max = Math.Max(max, exponents[i]);
        }
        double sum = 0;
        foreach (double e in exponents) sum += Math.Exp(e - max);
        return max + Math.Log(sum) - Math.Log(n) - d * Math.Log(h) - 0.5 * d * Math.Log(2 * Math.PI);
    }

    /// <summary>
    /// |actual − expected| ≤ 1e−6 · max(1, |expected|): a relative error of 1e−6 on a log-density, which near zero
    /// becomes an error of 1e−6 on log p, i.e. a relative error of 1e−6 on the density itself.
    /// </summary>
    public static void AssertClose(double expected, double actual, string what, double relative = 1e-6)
    {
        double tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:R})");
    }

    /// <summary>
    /// The float data the scoring kernel sees, back in the original coordinates: x_ij becomes
    /// origin_j + (float)(s·(x_ij − origin_j))/s with s = 1/(h√2) (exact up to double rounding).
    /// </summary>
    public static Rows FloatView(Rows rows, ReadOnlySpan<double> origin, double h)
    {
        double s = KdeScorer.Scale(h);
        var values = new double[rows.Values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double o = origin[i % rows.Dim];
            values[i] = o + (float)(s * (rows.Values[i] - o)) / s;
        }
        return new Rows(values, rows.Dim);
    }

    /// <summary>The generation loop written out, handing every fitted model to <paramref name="inspect"/>.</summary>
    public static void Drive(KdeSetting setting, IWorkflow workflow, int samples, int iterations, ulong seed,
        Action<int, KdeModel, TrainingSet<Rows>, KdeRun> inspect)
    {
        var run = (KdeRun)setting.Start(samples, seed);
        var pool = new Pool<Rows>();
        pool.Add(run.Real, Origin.Real, 0);
        for (int t = 1; t <= iterations; t++)
        {
            var train = new TrainingSet<Rows>(pool, workflow.Select(pool.Entries, t, samples, Rng.For(seed, RngStream.Select, t)));
            var model = (KdeModel)run.Fit(train, Rng.For(seed, RngStream.Fit, t));
            inspect(t, model, train, run);
            pool.Add(model.Sample(samples, Rng.For(seed, RngStream.Sample, t)), Origin.Synthetic, t);
        }
    }

    /// <summary>Runs the loop and returns metric <paramref name="metric"/> by iteration (index 0 = iteration 1).</summary>
    public static double[] Metric(KdeSetting setting, IWorkflow workflow, int samples, int iterations, ulong seed, string metric)
    {
        var result = setting.Run(RunSpec.Create(setting, workflow, samples, iterations, seed));
        Assert.True(result.Succeeded, result.Error);
        return result.Metrics.Where(m => m.Metric == metric).OrderBy(m => m.Iteration).Select(m => m.Value).ToArray();
    }

    /// <summary>Asserts |mean − expected| ≤ 4 SE (also where the expected value is 0, unlike <see cref="MonteCarlo.AssertMean"/>).</summary>
    public static void AssertWithinFourErrors(double expected, IReadOnlyList<double> values, string what)
    {
        var (mean, error) = MonteCarlo.MeanAndError(values);
        Assert.True(Math.Abs(mean - expected) <= 4 * error, $"{what}: expected {expected:R}, Monte-Carlo mean {mean:R} ± {error:R} (SE)");
    }
}
