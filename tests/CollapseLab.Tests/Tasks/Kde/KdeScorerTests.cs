using CollapseLab.Data;
using CollapseLab.Random;
using CollapseLab.Tasks.Kde;

namespace CollapseLab.Tests.Tasks.Kde;

public class KdeScorerTests
{
    /// <summary>Random points N(offset, spread²) in d dimensions.</summary>
    private static Rows Points(int n, int d, double spread, double offset, ulong seed)
    {
        var rng = new Rng(seed);
        var values = new double[n * d];
        for (int i = 0; i < values.Length; i++) values[i] = offset + spread * rng.NextGaussian();
        return new Rows(values, d);
    }

    private static double[] Score(Rows test, Rows train, double h, int threads = -1, int pieces = 1)
    {
        double scale = KdeScorer.Scale(h);
        var origin = new double[train.Dim];
        var scores = new RunningLogSumExp(test.Count);
        var columns = FloatColumns.Of(train, origin, scale);
        int start = 0;
        for (int piece = 0; piece < pieces; piece++)
        {
            int end = (int)((long)train.Count * (piece + 1) / pieces);
            KdeScorer.Accumulate(scores, FloatColumns.Of(test, origin, scale), columns, start, end - start, threads);
            start = end;
        }
        int d = train.Dim;
        double normalizer = Math.Log(train.Count) + d * Math.Log(h) + 0.5 * d * Math.Log(2 * Math.PI);
        return Enumerable.Range(0, test.Count).Select(k => scores.Value(k) - normalizer).ToArray();
    }

    /// <summary>Sizes around every vector width, the across/along switch and the block size.</summary>
    public static TheoryData<int, int, double> Cases() => new()
    {
        { 1, 2, 0.5 }, { 2, 1, 0.5 }, { 7, 3, 0.3 }, { 15, 2, 1.0 }, { 16, 2, 1.0 }, { 17, 5, 0.8 }, { 33, 2, 0.1 },
        { 255, 2, 0.5 }, { 256, 2, 0.5 }, { 257, 3, 0.2 }, { 1023, 2, 0.05 }, { 1024, 1, 0.5 }, { 1025, 2, 0.5 },
        { 2300, 3, 0.1 }, { 5000, 2, 1.0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scores_match_a_naive_double_sum_over_the_same_float_data(int n, int d, double h)
    {
        // The kernel sees coordinates scaled by 1/(h√2) and rounded to float; the reference gets the same numbers.
        var train = Points(n, d, 1.0, 0.3, 1);
        var test = Points(500, d, 1.5, 0.0, 2);
        var origin = new double[d];
        var floatTrain = KdeReference.FloatView(train, origin, h);
        var floatTest = KdeReference.FloatView(test, origin, h);

        var actual = Score(test, train, h);
        for (int k = 0; k < test.Count; k++)
            KdeReference.AssertClose(KdeReference.LogDensity(floatTest.Row(k), floatTrain, h), actual[k], $"n={n} d={d} h={h} test point {k}");
    }

    [Fact]
    public void Far_points_and_huge_exponents_stay_exact()
    {
        // Test points 30 bandwidths and more from every training point: exponents down to about −10⁵, far beyond
        // where exp underflows, so only the log-sum-exp shift keeps the densities finite.
        var train = Points(3000, 2, 0.2, 0.0, 3);
        var test = Points(500, 2, 3.0, 0.0, 4);
        const double h = 0.01;
        var origin = new double[2];
        var floatTrain = KdeReference.FloatView(train, origin, h);
        var floatTest = KdeReference.FloatView(test, origin, h);
        var actual = Score(test, train, h);
        for (int k = 0; k < test.Count; k++)
        {
            Assert.True(double.IsFinite(actual[k]));
            KdeReference.AssertClose(KdeReference.LogDensity(floatTest.Row(k), floatTrain, h), actual[k], $"test point {k}");
        }
    }

    [Theory]
    [InlineData(100, 2)]
    [InlineData(3000, 2)]
    [InlineData(20000, 3)]
    public void Results_are_bit_identical_for_every_thread_count(int n, int d)
    {
        var train = Points(n, d, 1.0, 0.0, 5);
        var test = Points(500, d, 1.0, 0.0, 6);
        var one = Score(test, train, 0.3, threads: 1);
        foreach (int threads in new[] { 2, 3, 8, -1 })
            Assert.Equal(one, Score(test, train, 0.3, threads: threads));
    }

    [Fact]
    public void Adding_a_training_set_in_pieces_matches_adding_it_at_once()
    {
        // Pieces change the blocks, so each block's shift and the float rounding of the shifted exponents (about
        // 1e−8 relative), not the value: the running log-sum-exp merges blocks exactly.
        var train = Points(4000, 2, 1.0, 0.0, 7);
        var test = Points(500, 2, 1.0, 0.0, 8);
        var whole = Score(test, train, 0.4);
        var pieces = Score(test, train, 0.4, pieces: 37);
        for (int k = 0; k < test.Count; k++) KdeReference.AssertClose(whole[k], pieces[k], $"test point {k}", relative: 1e-7);
    }

    [Fact]
    public void Running_log_sum_exp_merges_blocks_in_any_order_of_magnitude()
    {
        var sum = new RunningLogSumExp(1);
        Assert.Equal(double.NegativeInfinity, sum.Value(0));
        sum.Add(0, -1000, 2);    // 2e^−1000
        sum.Add(0, 5, 1);        // e^5 takes over
        sum.Add(0, 3, 3);        // 3e^3
        Assert.Equal(Math.Log(Math.Exp(5) + 3 * Math.Exp(3)), sum.Value(0), 12);
    }
}
