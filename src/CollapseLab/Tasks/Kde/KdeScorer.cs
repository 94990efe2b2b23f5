using System.Numerics.Tensors;
using CollapseLab.Data;

namespace CollapseLab.Tasks.Kde;

/// <summary>
/// The hot path of the KDE setting: adds Gaussian-kernel exponents e_ki = −‖u_k − v_i‖² of training points v_i
/// to the running log-sum-exp of every test point u_k, where both are given pre-scaled by 1/(h√2)
/// (<see cref="Scale"/>), so that e_ki = −‖x_k − y_i‖² / (2h²) in the original coordinates.
/// </summary>
/// <remarks>
/// Coordinates are single precision. Training points are cut into blocks of <see cref="BlockSize"/>; for each
/// test point a block is reduced with <see cref="TensorPrimitives"/> (squared distances, the block maximum of the
/// exponent, exp of the shifted exponents, clamped) and its sum accumulated in double precision, then merged into
/// <see cref="RunningLogSumExp"/>. Full blocks are vectorised along the training points; short blocks (small
/// generations) across the test points, which replaces thousands of calls on tiny spans by a few long ones.
/// Work is split over chunks of test points, each of which sees the blocks in the same order with the same spans
/// whatever the thread count, so results are bit-for-bit independent of parallelism; a chunk reuses each
/// training block from L1 cache.
/// </remarks>
internal static class KdeScorer
{
    /// <summary>Training points per block (d columns of 4 KiB each plus scratch stay in L1/L2).</summary>
    public const int BlockSize = 1024;

    /// <summary>Test points that share each training block in large jobs: the unit of parallel work.</summary>
    public const int ChunkSize = 64;

    /// <summary>Blocks shorter than this are vectorised across test points instead of along training points.</summary>
    public const int AcrossLimit = 256;

    /// <summary>Below this many coordinate operations (test × training × d) one thread scores everything.</summary>
    public const long ParallelThreshold = 1L << 20;

    // Shifted exponents are ≤ 0; terms below e^−80 are < 1e−34 of the block's largest term (exactly 1), far under
    // double rounding of the block sum. Clamping keeps Exp away from its underflow range, where TensorPrimitives.Exp
    // returns last-bit differences that depend on buffer alignment, which would break bit-reproducibility.
    private const float ExponentFloor = -80f;

    /// <summary>
    /// The largest |scaled coordinate| the float kernel accepts: rounding to float (2⁻²⁴ relative) then moves a
    /// coordinate by at most 2⁻¹² of the kernel's scale, and log p by about 1e-3 at worst. Far larger coordinates
    /// (h tiny against the data's spread: ~1e-3 of it and below) would lose the distances between near points, and
    /// from ~1e-19 overflow float range (+∞ or NaN log densities); tiny coordinates (h huge) only lose exponents
    /// that are ≈ 0 anyway.
    /// </summary>
    public const float SinglePrecisionRange = 4096f;

    /// <summary>
    /// Whether the float kernel scores <paramref name="test"/> against <paramref name="train"/> accurately: every
    /// scaled coordinate within <see cref="SinglePrecisionRange"/> (true for every ordinary bandwidth; false for NaN
    /// coordinates, when h is so small that 1/h overflows). Otherwise <see cref="AccumulateExact"/> scores.
    /// </summary>
    public static bool FitsSinglePrecision(FloatColumns test, FloatColumns train) =>
        test.MaxMagnitude() <= SinglePrecisionRange && train.MaxMagnitude() <= SinglePrecisionRange;

    /// <summary>
    /// The double-precision reference of <see cref="Accumulate"/>, for bandwidths the float kernel cannot represent:
    /// adds e_ki = −Σ_j ((x_kj − y_ij)/h · √½)² of the training rows <paramref name="train"/> (each part's
    /// <c>Indices</c>, all rows when null) to the running log-sum-exp of each row x_k of <paramref name="test"/>.
    /// </summary>
    /// <remarks>
    /// Dividing each difference by h before squaring keeps every exponent exact to a few ulps for any h &gt; 0, subnormal
    /// included; an exponent below −double.MaxValue is −∞ (its term is 0 in double precision) and a point whose every
    /// exponent is −∞ gets no term (log density −∞, as the exact value rounds to). Parallel over test points, each of
    /// which sums its terms in the same order, so the result does not depend on the thread count.
    /// </remarks>
    public static void AccumulateExact(RunningLogSumExp state, Rows test, IReadOnlyList<(Rows Rows, int[]? Indices)> train, double h,
        int maxDegreeOfParallelism = -1)
    {
        if (state.Count != test.Count) throw new ArgumentException("one running sum per test point is required", nameof(state));
        int d = test.Dim;
        long work = train.Sum(part => (long)(part.Indices?.Length ?? part.Rows.Count)) * test.Count * d;
        var options = new ParallelOptions { MaxDegreeOfParallelism = work >= ParallelThreshold ? maxDegreeOfParallelism : 1 };
        Parallel.For(0, test.Count, options, k =>
        {
            var x = test.Row(k);
            double max = double.NegativeInfinity, sum = 0;
            foreach (var (rows, indices) in train)
            {
                int count = indices?.Length ?? rows.Count;
                for (int i = 0; i < count; i++)
                {
                    var y = rows.Row(indices?[i] ?? i);
                    double exponent = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double q = (x[j] - y[j]) / h * HalfRoot;
                        exponent -= q * q;
                    }
                    if (exponent == double.NegativeInfinity) continue;
                    if (exponent <= max) sum += Math.Exp(exponent - max);
                    else
                    {
                        sum = sum * Math.Exp(max - exponent) + 1;
                        max = exponent;
                    }
                }
            }
            if (sum > 0) state.Add(k, max, sum);
        });
    }

    private static readonly double HalfRoot = Math.Sqrt(0.5);

    /// <summary>The factor 1/(h√2) that coordinates are multiplied by before scoring with bandwidth <paramref name="bandwidth"/>.</summary>
    public static double Scale(double bandwidth) => 1.0 / (bandwidth * Math.Sqrt(2.0));

    /// <summary>
    /// Adds the kernels of training points [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>)
    /// of <paramref name="train"/> to <paramref name="state"/>, one entry per point of <paramref name="test"/>.
    /// </summary>
    /// <param name="state">One running log-sum-exp per test point, added to.</param>
    /// <param name="test">The test points, scaled by <see cref="Scale"/>.</param>
    /// <param name="train">The training points, scaled the same way.</param>
    /// <param name="start">The first training point to add.</param>
    /// <param name="count">How many training points to add.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use at most; −1 for all cores. Does not change the result.</param>
    public static void Accumulate(RunningLogSumExp state, FloatColumns test, FloatColumns train, int start, int count,
        int maxDegreeOfParallelism = -1)
    {
        if (state.Count != test.Count) throw new ArgumentException("one running sum per test point is required", nameof(state));
        if (test.Dim != train.Dim) throw new ArgumentException($"test points have dimension {test.Dim}, training points {train.Dim}", nameof(train));
        if ((uint)start > (uint)train.Count || (uint)count > (uint)(train.Count - start)) throw new ArgumentOutOfRangeException(nameof(count));
        if (count == 0 || test.Count == 0) return;

        // Small jobs run as one chunk on the calling thread; the split depends only on the job's size, never on the
        // thread count, so every element-wise operation sees the same spans however many threads run.
        bool large = (long)test.Count * count * train.Dim >= ParallelThreshold;
        int chunkSize = large ? ChunkSize : test.Count;
        int chunks = (test.Count + chunkSize - 1) / chunkSize;
        if (chunks == 1 || maxDegreeOfParallelism == 1)
        {
            for (int chunk = 0; chunk < chunks; chunk++) ScoreChunk(state, test, chunk, chunkSize, train, start, count);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            chunk => ScoreChunk(state, test, chunk, chunkSize, train, start, count));
    }

    /// <summary>One chunk of test points against the training range, block by block.</summary>
    private static void ScoreChunk(RunningLogSumExp state, FloatColumns test, int chunk, int chunkSize, FloatColumns train, int start, int count)
    {
        int first = chunk * chunkSize, end = Math.Min(first + chunkSize, test.Count);
        var scratch = Scratch.ForThread(end - first);
        for (int block = start; block < start + count; block += BlockSize)
        {
            int length = Math.Min(BlockSize, start + count - block);
            if (length >= AcrossLimit) ScoreAlong(state, test, first, end, train, block, length, scratch);
            else ScoreAcross(state, test, first, end, train, block, length, scratch);
        }
    }

    /// <summary>One block of training points, vectorised along the training points, for each test point in turn.</summary>
    private static void ScoreAlong(RunningLogSumExp state, FloatColumns test, int first, int end, FloatColumns train,
        int block, int length, Scratch scratch)
    {
        int d = train.Dim;
        var squares = scratch.Squares.AsSpan(0, length);
        var terms = scratch.Terms.AsSpan(0, length);
        var wide = scratch.Wide.AsSpan(0, length);
        for (int k = first; k < end; k++)
        {
            // squares_i = ‖v_i − u_k‖²
            TensorPrimitives.Subtract(train.Column(0, block, length), test.Column(0)[k], terms);
            TensorPrimitives.Multiply(terms, terms, squares);
            for (int j = 1; j < d; j++)
            {
                TensorPrimitives.Subtract(train.Column(j, block, length), test.Column(j)[k], terms);
                TensorPrimitives.MultiplyAdd(terms, terms, squares, squares);
            }

            // The block's largest exponent comes from the nearest point; terms are exp(e_i − max) ∈ (0, 1].
            float nearest = TensorPrimitives.Min(squares);
            if (float.IsPositiveInfinity(nearest)) continue; // beyond float range: every term is e^−∞ = 0
            TensorPrimitives.Subtract(nearest, squares, terms);
            TensorPrimitives.Max(terms, ExponentFloor, terms);
            TensorPrimitives.Exp(terms, terms);
            TensorPrimitives.ConvertChecked<float, double>(terms, wide);
            state.Add(k, -(double)nearest, TensorPrimitives.Sum<double>(wide));
        }
    }

    /// <summary>
    /// One short block of training points, vectorised across the test points: for few training points this
    /// replaces many calls on tiny spans by a few calls on spans of a chunk's test points.
    /// </summary>
    private static void ScoreAcross(RunningLogSumExp state, FloatColumns test, int first, int end, FloatColumns train,
        int block, int length, Scratch scratch)
    {
        int d = train.Dim, m = end - first;
        var nearest = scratch.Nearest.AsSpan(0, m);
        var terms = scratch.Terms.AsSpan(0, m);
        var wide = scratch.Wide.AsSpan(0, m);
        var sums = scratch.Sums.AsSpan(0, m);
        for (int i = 0; i < length; i++)
        {
            // squares_k = ‖u_k − v_i‖² for the chunk's test points
            var squares = scratch.Squares.AsSpan(i * m, m);
            TensorPrimitives.Subtract(test.Column(0, first, m), train.Column(0)[block + i], terms);
            TensorPrimitives.Multiply(terms, terms, squares);
            for (int j = 1; j < d; j++)
            {
                TensorPrimitives.Subtract(test.Column(j, first, m), train.Column(j)[block + i], terms);
                TensorPrimitives.MultiplyAdd(terms, terms, squares, squares);
            }
            if (i == 0) squares.CopyTo(nearest);
            else TensorPrimitives.Min(nearest, squares, nearest);
        }
        sums.Clear();
        for (int i = 0; i < length; i++)
        {
            TensorPrimitives.Subtract(nearest, scratch.Squares.AsSpan(i * m, m), terms);
            TensorPrimitives.Max(terms, ExponentFloor, terms);
            TensorPrimitives.Exp(terms, terms);
            TensorPrimitives.ConvertChecked<float, double>(terms, wide);
            TensorPrimitives.Add(sums, wide, sums);
        }
        for (int k = 0; k < m; k++)
            if (!float.IsPositiveInfinity(nearest[k])) // else beyond float range: every term is e^−∞ = 0
                state.Add(first + k, -(double)nearest[k], sums[k]);
    }

    /// <summary>Per-thread work buffers, grown to the largest chunk seen.</summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? _current;

        public float[] Squares = [];
        public float[] Terms = [];
        public double[] Wide = [];
        public float[] Nearest = [];
        public double[] Sums = [];

        public static Scratch ForThread(int chunkSize)
        {
            var scratch = _current ??= new Scratch();
            if (scratch.Nearest.Length < chunkSize)
            {
                int size = Math.Max(BlockSize, chunkSize);
                scratch.Squares = new float[Math.Max(BlockSize, Math.Min(AcrossLimit - 1, BlockSize) * chunkSize)];
                scratch.Terms = new float[size];
                scratch.Wide = new double[size];
                scratch.Nearest = new float[chunkSize];
                scratch.Sums = new double[chunkSize];
            }
            return scratch;
        }
    }
}
