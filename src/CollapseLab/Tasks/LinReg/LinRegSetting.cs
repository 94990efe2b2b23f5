using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Tasks.LinReg;

/// <summary>
/// Fixed-design linear regression: a design X₀ (n × d, iid N(0, 1)) and true weights w* ~ N(0, I_d) are drawn
/// once per run; the real labels are y = X₀w* + σε, generation t relabels the same design with the previous
/// fit, y = X₀ŵ_{t−1} + σε, and each fit is ŵ = pinv(X) y over the workflow's rows (so n ≤ d works: the
/// minimum-norm interpolant).
/// </summary>
public sealed class LinRegSetting : TaskSetting<Labels>, IRunCostModel
{
    /// <summary>Number of held-out test points x ~ N(0, I_d).</summary>
    public const int TestSize = 1000;

    /// <summary>The catalogue entry of <c>linreg</c>.</summary>
    public static TaskInfo Info { get; } = new("linreg", "fixed-design linear regression refit by least squares (pseudo-inverse)",
        LinRegParameters.Declaration.Specs, p => new LinRegSetting(LinRegParameters.Declaration.Read(p)))
    {
        Theory = LinRegTheory.Expect,
    };

    /// <summary>The setting with <paramref name="parameters"/> (default: d = 10, σ² = 1).</summary>
    /// <exception cref="InvalidParameterException">A parameter out of range.</exception>
    public LinRegSetting(LinRegParameters? parameters = null)
    {
        Options = parameters ?? new();
        Parameters = LinRegParameters.Declaration.Write(Options);
    }

    /// <inheritdoc/>
    public override string Name => "linreg";
    /// <inheritdoc/>
    public override ParameterValues Parameters { get; }

    /// <summary>One sample per generation is enough: every fit here is defined for n = 1.</summary>
    public override int MinimumSamples => 1;

    /// <summary>A label and its design row's index (12 bytes, rounded up); the real data's design itself is n·d numbers.</summary>
    public override int NumbersPerSample => 2;

    /// <summary>Fresh real labels (new noise on the fixed design), and label likelihoods under the truth and under a fit.</summary>
    public override TaskAbilities Abilities => TaskAbilities.FreshRealData | TaskAbilities.TruthLikelihood | TaskAbilities.ModelLikelihood;

    /// <summary>The typed parameters.</summary>
    public LinRegParameters Options { get; }

    /// <inheritdoc cref="LinRegParameters.Dim"/>
    public int Dim => Options.Dim;

    /// <inheritdoc cref="LinRegParameters.Sigma2"/>
    public double Sigma2 => Options.Sigma2;

    /// <summary>
    /// Draws w* and then X₀ from the run's setup stream (w* first, so it does not depend on n), the test
    /// points from the test stream and the real labels' noise from the real stream.
    /// </summary>
    /// <exception cref="InvalidParameterException"><paramref name="samples"/> &lt; 1.</exception>
    public override ITaskRun<Labels> Start(int samples, ulong seed)
    {
        if (samples < 1) throw new InvalidParameterException("samples", $"invalid {InvalidParameterException.Name("samples")} {samples} for task linreg: expected an integer ≥ 1");
        var setup = Rng.For(seed, RngStream.Setup);
        var trueWeights = new double[Dim];
        setup.FillGaussian(trueWeights);
        var design = new double[samples * Dim];
        setup.FillGaussian(design);
        var test = new double[TestSize * Dim];
        Rng.For(seed, RngStream.Test).FillGaussian(test);
        return new LinRegRun(this, new Rows(design, Dim), trueWeights, new Rows(test, Dim), Rng.For(seed, RngStream.Real));
    }

    /// <summary>
    /// T × ((n + 500)·(d + 1)² + (d + 1)³), the units its seconds were measured in: a bound on the per-iteration work
    /// (labelling n rows and predicting the test points, O(n·d); a weighted least-squares fit on a subsample, O(n·d²)).
    /// </summary>
    public double EstimateCost(RunSpec run)
    {
        double width = Dim + 1;
        return run.Iterations * ((run.Samples + 500.0) * width * width + width * width * width);
    }

    /// <inheritdoc/>
    /// <remarks>From the paper grid's d = 100, n = 1000 cell, ≈ 1.3 s per run (docs/benchmarks.md, "Paper parts"); good to a factor of about 2.</remarks>
    public double? SecondsPerUnit => 8e-10;
}
