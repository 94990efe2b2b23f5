using CollapseLab.Data;
using CollapseLab.Random;
using CollapseLab.Tasks.Kde;

namespace CollapseLab.Tests.Tasks.Kde;

public class KdeGeneratorsTests
{
    private const double Exact = 1e-12;

    /// <summary>
    /// Sorted angles in [0, 2π) of the points at distance <paramref name="radius"/> from (cx, cy), measured in the frame
    /// whose axes are flipped by <paramref name="signX"/> and <paramref name="signY"/>.
    /// </summary>
    private static List<double> AnglesOn(Rows points, double cx, double cy, double radius, int signX = 1, int signY = 1)
    {
        var angles = new List<double>();
        for (int i = 0; i < points.Count; i++)
        {
            double x = signX * (points.Row(i)[0] - cx), y = signY * (points.Row(i)[1] - cy);
            if (Math.Abs(Math.Sqrt(x * x + y * y) - radius) > Exact) continue;
            double angle = Math.Atan2(y, x);
            angles.Add(angle < -Exact ? angle + 2 * Math.PI : Math.Max(angle, 0));
        }
        angles.Sort();
        return angles;
    }

    private static void AssertEvenlySpaced(List<double> angles, int count, double first, double step, string what)
    {
        Assert.Equal(count, angles.Count);
        for (int i = 0; i < count; i++) Assert.True(Math.Abs(angles[i] - (first + i * step)) < 1e-9, $"{what}: angle {i} is {angles[i]}, expected {first + i * step}");
    }

    [Theory]
    [InlineData(101)]
    [InlineData(40)]
    public void Moons_lie_on_two_half_circles_at_evenly_spaced_angles(int n)
    {
        var moons = KdeGenerators.Moons(n, 0, new Rng(1));
        Assert.Equal(n, moons.Count);
        Assert.Equal(2, moons.Dim);
        int outer = n / 2, inner = n - outer;
        // Outer moon: (cos s, sin s), s = linspace(0, π, ⌊n/2⌋) with both ends.
        AssertEvenlySpaced(AnglesOn(moons, 0, 0, 1), outer, 0, Math.PI / (outer - 1), "outer moon");
        // Inner moon: (1 − cos s, 1 − sin s − 0.5), i.e. centre (1, 0.5) with both axes flipped; ⌈n/2⌉ points.
        AssertEvenlySpaced(AnglesOn(moons, 1, 0.5, 1, signX: -1, signY: -1), inner, 0, Math.PI / (inner - 1), "inner moon");
    }

    [Fact]
    public void Circles_have_radii_one_and_factor_at_evenly_spaced_angles()
    {
        const int n = 99;
        var circles = KdeGenerators.Circles(n, 0.3, 0, new Rng(2));
        Assert.Equal(n, circles.Count);
        AssertEvenlySpaced(AnglesOn(circles, 0, 0, 1), n / 2, 0, 2 * Math.PI / (n / 2), "outer circle");
        AssertEvenlySpaced(AnglesOn(circles, 0, 0, 0.3), n - n / 2, 0, 2 * Math.PI / (n - n / 2), "inner circle");
    }

    [Fact]
    public void Generated_rows_are_shuffled()
    {
        var moons = KdeGenerators.Moons(200, 0, new Rng(3));
        int outerInFirstHalf = Enumerable.Range(0, 100).Count(i => Math.Abs(moons.Row(i)[0] * moons.Row(i)[0] + moons.Row(i)[1] * moons.Row(i)[1] - 1) < Exact);
        Assert.InRange(outerInFirstHalf, 30, 70); // unshuffled would be 100; shuffled ~ Hypergeometric, sd 3.5
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Noise_is_independent_gaussian_with_the_given_deviation(int dataset)
    {
        const int n = 20000;
        const double noise = 0.1;
        Func<double, Rng, Rows> generate = dataset switch
        {
            0 => (s, r) => KdeGenerators.Moons(n, s, r),
            1 => (s, r) => KdeGenerators.Circles(n, 0.8, s, r),
            _ => (s, r) => KdeGenerators.SwissRoll(n, s, r),
        };
        // Same seed: the noiseless shape is drawn identically, so the difference is exactly the noise.
        var noisy = generate(noise, new Rng(4));
        var clean = generate(0, new Rng(4));
        var differences = noisy.Values.Zip(clean.Values, (a, b) => a - b).ToArray();
        KdeReference.AssertWithinFourErrors(0, differences, "noise mean");
        KdeReference.AssertWithinFourErrors(noise * noise, differences.Select(e => e * e).ToArray(), "noise variance");
    }

    [Fact]
    public void Swiss_roll_points_follow_the_roll_within_its_ranges()
    {
        const int n = 20000;
        var roll = KdeGenerators.SwissRoll(n, 0, new Rng(5));
        Assert.Equal(3, roll.Dim);
        var u = new double[n];
        var heights = new double[n];
        for (int i = 0; i < n; i++)
        {
            var p = roll.Row(i);
            double t = Math.Sqrt(p[0] * p[0] + p[2] * p[2]);
            Assert.InRange(t, 1.5 * Math.PI, 4.5 * Math.PI);
            Assert.True(Math.Abs(p[0] - t * Math.Cos(t)) < 1e-9 && Math.Abs(p[2] - t * Math.Sin(t)) < 1e-9, $"point {i} is off the roll");
            Assert.InRange(p[1], 0, 21);
            u[i] = (t / (1.5 * Math.PI) - 1) / 2;
            heights[i] = p[1];
        }
        // t = 1.5π(1 + 2u) with u ~ U(0, 1); height ~ U(0, 21).
        KdeReference.AssertWithinFourErrors(0.5, u, "mean of u");
        KdeReference.AssertWithinFourErrors(1.0 / 12, u.Select(x => (x - 0.5) * (x - 0.5)).ToArray(), "variance of u");
        KdeReference.AssertWithinFourErrors(10.5, heights, "mean height");
    }

    [Fact]
    public void Blobs_split_n_evenly_first_centres_taking_the_remainder()
    {
        var centers = KdeGenerators.BlobCenters(3, 4, new Rng(6));
        Assert.All(centers.Values, v => Assert.InRange(v, -10, 10));
        var blobs = KdeGenerators.Blobs(11, centers, 0, new Rng(7));
        Assert.Equal(4, blobs.Dim);
        var sizes = new int[3];
        for (int i = 0; i < blobs.Count; i++)
        {
            int match = Enumerable.Range(0, 3).Single(c => centers.Row(c).SequenceEqual(blobs.Row(i)));
            sizes[match]++;
        }
        Assert.Equal([4, 4, 3], sizes);
    }

    [Fact]
    public void Blob_spread_is_the_cluster_std()
    {
        var centers = KdeGenerators.BlobCenters(1, 2, new Rng(8));
        var blobs = KdeGenerators.Blobs(20000, centers, 2.5, new Rng(9));
        var offsets = blobs.Values.Select((v, i) => v - centers.Values[i % 2]).ToArray();
        KdeReference.AssertWithinFourErrors(0, offsets, "offset mean");
        KdeReference.AssertWithinFourErrors(6.25, offsets.Select(e => e * e).ToArray(), "offset variance");
    }

    [Fact]
    public void Blob_centres_are_drawn_once_per_run_and_shared_by_training_and_test_data()
    {
        var setting = new KdeSetting(new() { Dataset = KdeDataset.Blobs, Features = 3, Centers = 4, ClusterStd = 0 });
        var run = (KdeRun)setting.Start(40, 11);
        var realPoints = Distinct(run.Real);
        Assert.Equal(4, realPoints.Count);
        Assert.Equal(realPoints, Distinct(run.Test));
        Assert.NotEqual(realPoints, Distinct(((KdeRun)setting.Start(40, 12)).Real)); // another seed, other centres
    }

    private static SortedSet<string> Distinct(Rows rows) =>
        new(Enumerable.Range(0, rows.Count).Select(i => string.Join(",", rows.Row(i).ToArray().Select(v => v.ToString("R")))));
}
