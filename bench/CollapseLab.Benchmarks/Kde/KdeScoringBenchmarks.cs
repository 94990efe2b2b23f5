using BenchmarkDotNet.Attributes;
using CollapseLab.Data;
using CollapseLab.Random;
using CollapseLab.Tasks.Kde;

namespace CollapseLab.Benchmarks.Kde;

/// <summary>
/// The KDE hot path: 500 test points scored against N training points in 2-D (500·N kernel evaluations per call),
/// the TensorPrimitives kernel (single- and multi-threaded) against a plain scalar loop doing the same arithmetic.
/// </summary>
[MemoryDiagnoser]
public class KdeScoringBenchmarks
{
    private const int TestPoints = 500;

    [Params(10, 100, 1_000, 100_000)]
    public int N { get; set; }

    private FloatColumns _test = null!;
    private FloatColumns _train = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(1);
        var test = new double[2 * TestPoints];
        var train = new double[2 * N];
        rng.FillGaussian(test);
        rng.FillGaussian(train);
        double scale = KdeScorer.Scale(0.5);
        _test = FloatColumns.Of(new Rows(test, 2), [0, 0], scale);
        _train = FloatColumns.Of(new Rows(train, 2), [0, 0], scale);
    }

    [Benchmark(Baseline = true)]
    public double ScalarLoop()
    {
        // Per test point: the largest exponent, then Σ exp(e_i − max) in double. Same float inputs as the kernel.
        double total = 0;
        for (int k = 0; k < TestPoints; k++)
        {
            float x = _test.Column(0)[k], y = _test.Column(1)[k];
            var xs = _train.Column(0);
            var ys = _train.Column(1);
            float nearest = float.PositiveInfinity;
            for (int i = 0; i < xs.Length; i++)
            {
                float dx = xs[i] - x, dy = ys[i] - y;
                nearest = MathF.Min(nearest, dx * dx + dy * dy);
            }
            double sum = 0;
            for (int i = 0; i < xs.Length; i++)
            {
                float dx = xs[i] - x, dy = ys[i] - y;
                sum += MathF.Exp(MathF.Max(nearest - (dx * dx + dy * dy), -80f));
            }
            total += Math.Log(sum) - nearest;
        }
        return total;
    }

    [Benchmark]
    public double TensorPrimitivesOneThread()
    {
        var scores = new RunningLogSumExp(TestPoints);
        KdeScorer.Accumulate(scores, _test, _train, 0, N, maxDegreeOfParallelism: 1);
        return scores.Value(0);
    }

    [Benchmark]
    public double TensorPrimitivesAllCores()
    {
        var scores = new RunningLogSumExp(TestPoints);
        KdeScorer.Accumulate(scores, _test, _train, 0, N);
        return scores.Value(0);
    }
}
