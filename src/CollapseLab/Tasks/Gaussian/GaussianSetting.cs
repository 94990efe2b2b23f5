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

    /// <summary>The catalogue entry of <c>gaussian</c>.</summary>
    public static TaskInfo Info { get; } = new("gaussian", "multivariate Gaussian N(0, σ²I) refit by mean and covariance",
        GaussianParameters.Declaration.Specs, p => new GaussianSetting(GaussianParameters.Declaration.Read(p)))
    {
        Theory = GaussianTheory.Expect,
    };

    /// <summary>The setting with <paramref name="parameters"/> (default: d = 1, σ² = 1, ML covariance, τ = 1).</summary>
    /// <exception cref="InvalidParameterException">A parameter out of range.</exception>
    public GaussianSetting(GaussianParameters? parameters = null)
    {
        Options = parameters ?? new();
        Parameters = GaussianParameters.Declaration.Write(Options);
    }

    /// <inheritdoc/>
    public override string Name => "gaussian";
    /// <inheritdoc/>
    public override ParameterValues Parameters { get; }

    /// <summary>The typed parameters.</summary>
    public GaussianParameters Options { get; }

    /// <inheritdoc cref="GaussianParameters.Dim"/>
    public int Dim => Options.Dim;
    /// <inheritdoc cref="GaussianParameters.Sigma2"/>
    public double Sigma2 => Options.Sigma2;
    /// <inheritdoc cref="GaussianParameters.Estimator"/>
    public CovarianceEstimator Estimator => Options.Estimator;
    /// <inheritdoc cref="GaussianParameters.Temperature"/>
    public double Temperature => Options.Temperature;

    /// <summary>Fresh real data, and truth and model likelihoods for curation.</summary>
    public override TaskAbilities Abilities => TaskAbilities.FreshRealData | TaskAbilities.TruthLikelihood | TaskAbilities.ModelLikelihood;

    /// <inheritdoc/>
    public override int NumbersPerSample => Dim;

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
