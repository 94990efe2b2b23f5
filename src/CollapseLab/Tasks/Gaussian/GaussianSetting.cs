using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Tasks.Gaussian;

/// <summary>
/// Multivariate Gaussian setting: the truth is N(0, σ²·I_d); each model is the Gaussian with the sample
/// mean and the maximum-likelihood (or unbiased) covariance of its training data.
/// </summary>
public sealed class GaussianSetting : TaskSetting<Rows>, IRunCostModel
{
    /// <summary>Size of the held-out real test set.</summary>
    public const int TestSize = 500;

    /// <summary>The setting's parameters: <c>dim</c>, <c>sigma2</c>, <c>estimator</c> and <c>temperature</c>, with their defaults and accepted values.</summary>
    public static IReadOnlyList<ParameterSpec> Specs { get; } =
    [
        ParameterSpec.Int("dim", "dimension d of the Gaussian", 1, min: 1),
        ParameterSpec.Real("sigma2", "variance σ² of each coordinate of the true Gaussian", 1.0, above: 0),
        ParameterSpec.Choice("estimator", "covariance estimator: mle divides by N, unbiased by N − 1", "mle", "mle", "unbiased"),
        ParameterSpec.Real("temperature", "sampling temperature τ: synthetic data are drawn from N(μ̂, τ·Σ̂)", 1.0, above: 0) with { OmitWhenDefault = true },
    ];

    /// <summary>The catalogue entry of <c>gaussian</c>.</summary>
    public static TaskInfo Info { get; } = new("gaussian", "multivariate Gaussian N(0, σ²I) refit by mean and covariance", Specs, p => new GaussianSetting(p))
    {
        Theory = GaussianTheory.Expect,
    };

    /// <inheritdoc/>
    public override string Name => "gaussian";
    /// <inheritdoc/>
    public override ParameterValues Parameters { get; }

    /// <summary>d.</summary>
    public int Dim { get; }
    /// <summary>σ².</summary>
    public double Sigma2 { get; }
    /// <summary>Σ̂ divides the centred sum of squares by N (<see cref="CovarianceEstimator.Mle"/>) or N − 1.</summary>
    public CovarianceEstimator Estimator { get; }
    /// <summary>τ: synthetic samples come from N(μ̂, τ·Σ̂).</summary>
    public double Temperature { get; }

    /// <summary>Fresh real data, and truth and model likelihoods for curation.</summary>
    public override TaskAbilities Abilities => TaskAbilities.FreshRealData | TaskAbilities.TruthLikelihood | TaskAbilities.ModelLikelihood;

    /// <inheritdoc/>
    public override int NumbersPerSample => Dim;

    /// <summary>The setting with <paramref name="parameters"/>, parsed against <see cref="Specs"/>.</summary>
    public GaussianSetting(ParameterValues parameters)
    {
        Parameters = parameters;
        Dim = parameters.Int("dim");
        Sigma2 = parameters.Real("sigma2");
        Estimator = parameters.Text("estimator") == "unbiased" ? CovarianceEstimator.Unbiased : CovarianceEstimator.Mle;
        Temperature = parameters.Real("temperature");
    }

    /// <summary>The setting with the given parameters (defaults d = 1, σ² = 1, ML covariance).</summary>
    public GaussianSetting(int dim = 1, double sigma2 = 1.0, CovarianceEstimator estimator = CovarianceEstimator.Mle)
        : this(ParameterValues.Parse(Specs, new Dictionary<string, string>
        {
            ["dim"] = dim.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sigma2"] = ParameterSpec.Format(sigma2),
            ["estimator"] = estimator == CovarianceEstimator.Unbiased ? "unbiased" : "mle",
        }, "task gaussian"))
    {
    }

    /// <inheritdoc/>
    public override ITaskRun<Rows> Start(int samples, ulong seed) =>
        new GaussianRun(this, DrawTruth(samples, Rng.For(seed, RngStream.Real)), DrawTruth(TestSize, Rng.For(seed, RngStream.Test)));

    /// <summary>n samples of the truth N(0, σ²I).</summary>
    public Rows DrawTruth(int n, Rng rng)
    {
        var values = new double[n * Dim];
        rng.FillGaussian(values);
        double sigma = Math.Sqrt(Sigma2);
        for (int i = 0; i < values.Length; i++) values[i] *= sigma;
        return new Rows(values, Dim);
    }

    /// <summary>
    /// T × ((n + 500)·(d + 1)² + (d + 1)³): per iteration, sampling n points and scoring the 500 test points cost
    /// O(d²) each with a d × d factor of the covariance, and factorising it costs O(d³).
    /// </summary>
    public double EstimateCost(RunSpec run)
    {
        double width = Dim + 1;
        return run.Iterations * ((run.Samples + TestSize) * width * width + width * width * width);
    }

    /// <inheritdoc/>
    /// <remarks>From <c>bench gaussian</c>, the 7,500-run grid: 70 s on 2 idle cores (docs/benchmarks.md, "Paper parts"); good to a factor of about 2.</remarks>
    public double? SecondsPerUnit => 1e-10;
}
