using System.Numerics;
using System.Runtime.CompilerServices;

namespace CollapseLab.Random;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64. Every random choice in
/// CollapseLab draws from an <see cref="Rng"/> passed in as an argument; there is no shared
/// generator, so results cannot depend on threads or run order.
/// </summary>
/// <remarks>
/// Seed derivation: <see cref="For(ulong, RngStream, long)"/> mixes (seed, stream, index) with
/// SplitMix64 into one 64-bit value, which SplitMix64 then expands into the four state words.
/// A run therefore has independent, reproducible streams for its real data, test data, workflow
/// choices and each iteration's fitting and sampling.
/// </remarks>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose whole state is derived from <paramref name="seed"/>.</summary>
    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The stream <paramref name="stream"/>, number <paramref name="index"/> (e.g. the iteration), of run seed <paramref name="seed"/>.</summary>
    public static Rng For(ulong seed, RngStream stream, long index = 0)
    {
        ulong x = seed;
        ulong h = SplitMix64(ref x);
        x = h ^ ((ulong)stream * 0x9E3779B97F4A7C15UL);
        h = SplitMix64(ref x);
        x = h ^ (ulong)index;
        return new Rng(SplitMix64(ref x));
    }

    /// <summary>A new generator seeded from this one's next output (for handing a sub-task its own stream).</summary>
    public Rng Split() => new(NextUInt64());

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="n"/>), unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");
        ulong range = (ulong)n;
        ulong x = NextUInt64() >> 32;
        ulong m = x * range;
        uint low = (uint)m;
        if (low < range)
        {
            uint threshold = (uint)((0x1_0000_0000UL - range) % range);
            while (low < threshold)
            {
                x = NextUInt64() >> 32;
                m = x * range;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>A standard normal deviate (Marsaglia's polar method; the second deviate of each pair is kept).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spare = v * f;
        _hasSpare = true;
        return u * f;
    }

    private double _spare;
    private bool _hasSpare;

    /// <summary>Fills <paramref name="destination"/> with standard normal deviates.</summary>
    public void FillGaussian(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = NextGaussian();
    }

    /// <summary>
    /// <paramref name="k"/> distinct indices drawn uniformly without replacement from [0, <paramref name="n"/>),
    /// in the order drawn. O(k) expected time and memory (Floyd's algorithm would lose the order; this is a
    /// sparse Fisher–Yates shuffle).
    /// </summary>
    public int[] SampleWithoutReplacement(int n, int k)
    {
        if (k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"must be in [0, {n}]");
        var result = new int[k];
        // Positions of a virtual identity permutation that have been swapped away from themselves.
        var moved = new Dictionary<int, int>(k);
        for (int i = 0; i < k; i++)
        {
            int j = i + NextInt(n - i);
            int atJ = moved.TryGetValue(j, out int mj) ? mj : j;
            int atI = moved.TryGetValue(i, out int mi) ? mi : i;
            result[i] = atJ;
            moved[j] = atI;
        }
        return result;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
