using CollapseLab.Mixtures;
using CollapseLab.Random;

namespace CollapseLab.Tests.Mixtures;

public sealed class MixtureRegressionTests
{
    private static readonly double[] Truth = [2.0, -0.4, 0.15, -0.05];
    private static readonly int[] Reals = [10, 32, 100, 316], Synthetics = [0, 10, 32, 100, 316, 1000];

    private static double Surface(int r, int s) =>
        Truth[0] + Truth[1] * Math.Log(r) + Truth[2] * Math.Log(1.0 + s) + Truth[3] * Math.Log(r) * Math.Log(1.0 + s);

    [Fact]
    public void Recovers_the_coefficients_of_a_noisy_known_surface_within_their_standard_errors()
    {
        var rng = new Rng(7);
        const double noise = 0.05;
        var points = (from seed in Enumerable.Range(0, 30) from r in Reals from s in Synthetics
                      select (r, s, Surface(r, s) + noise * rng.NextGaussian())).ToArray();

        var fit = MixtureRegression.Fit(points)!;

        Assert.Equal(points.Length, fit.Observations);
        for (int i = 0; i < Truth.Length; i++)
        {
            Assert.True(fit.StandardErrors[i] > 0 && fit.StandardErrors[i] < 0.05, $"SE {i} = {fit.StandardErrors[i]}");
            Assert.True(Math.Abs(fit.Coefficients[i] - Truth[i]) <= 4 * fit.StandardErrors[i],
                $"{MixtureRegression.Terms[i]}: {fit.Coefficients[i]} vs {Truth[i]} (SE {fit.StandardErrors[i]})");
        }
        Assert.InRange(fit.RSquared, 0.9, 1.0);
        Assert.Equal(Surface(100, 32), fit.Predict(100, 32), 1e-2);
    }

    [Fact]
    public void Reproduces_an_exact_surface_exactly()
    {
        var fit = MixtureRegression.Fit(from r in Reals from s in Synthetics select (r, s, Surface(r, s)))!;
        for (int i = 0; i < Truth.Length; i++) Assert.Equal(Truth[i], fit.Coefficients[i], 1e-9);
        Assert.Equal(1.0, fit.RSquared, 1e-12);
    }

    [Fact]
    public void Leaves_out_synthetic_only_and_non_finite_points_and_refuses_a_singular_design()
    {
        var points = (from r in Reals from s in Synthetics select (r, s, Surface(r, s)))
            .Append((0, 10, 5.0)).Append((10, 10, double.PositiveInfinity)).ToArray();
        Assert.Equal(Reals.Length * Synthetics.Length, MixtureRegression.Fit(points)!.Observations);

        Assert.Null(MixtureRegression.Fit(from s in Synthetics select (10, s, Surface(10, s)))); // one num_real: log r is collinear with the intercept
        Assert.Null(MixtureRegression.Fit([(10, 0, 1.0), (32, 10, 2.0)]));
    }
}
