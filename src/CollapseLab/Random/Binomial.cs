namespace CollapseLab.Random;

/// <summary>
/// Exact binomial variates in O(1) expected time: inversion for small means, and the triangle–
/// parallelogram–exponential rejection sampler BTPE (Kachitvichyanukul and Schmeiser, "Binomial random
/// variate generation", Comm. ACM 31(2), 1988) otherwise. The multinomial sampler of the discrete setting
/// draws one of these per outcome, so their speed sets the cost of a generation.
/// </summary>
public static class Binomial
{
    /// <summary>Below this mean (n·min(p, 1 − p)) inversion is faster than BTPE, whose set-up assumes a wide body.</summary>
    public const double InversionLimit = 30;

    /// <summary>A draw from Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 0, or p outside [0, 1] (or NaN).</exception>
    /// <remarks>
    /// Draws for p &gt; 1/2 are n minus a draw for 1 − p, so both branches only see p ≤ 1/2. The final
    /// acceptance test of BTPE compares with the exact log-ratio of binomial probabilities (through log-factorials)
    /// rather than the paper's truncated Stirling expression.
    /// </remarks>
    public static int Sample(Rng rng, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "must be in [0, 1]");
        if (n == 0 || p == 0) return 0;
        if (p == 1) return n;
        bool flipped = p > 0.5;
        double r = flipped ? 1 - p : p;
        int x = n * r < InversionLimit ? Inversion(rng, n, r) : Btpe(rng, n, r);
        return flipped ? n - x : x;
    }

    /// <summary>Sequential search from 0 through the probabilities f(x) = f(x − 1)·((n + 1 − x)/x)·(p/q); O(np + 1) expected.</summary>
    private static int Inversion(Rng rng, int n, double p)
    {
        double s = p / (1 - p), a = (n + 1) * s;
        double f0 = Math.Exp(n * LogOneMinus(p)); // f(0) = qⁿ
        while (true)
        {
            double u = rng.NextDouble(), f = f0;
            int x = 0;
            while (u > f)
            {
                u -= f;
                if (++x > n) break; // only when rounding left u above the total mass: draw again
                f *= a / x - s;
            }
            if (x <= n) return x;
        }
    }

    /// <summary>log(1 − p), accurate for tiny p (where 1 − p rounds): log(u)·(−p)/(u − 1) with u = 1 − p, Goldberg's correction.</summary>
    private static double LogOneMinus(double p)
    {
        double u = 1 - p;
        return u == 1 ? -p : Math.Log(u) * -p / (u - 1);
    }

    /// <summary>BTPE for p ≤ 1/2 and n·p ≥ <see cref="InversionLimit"/>; about 1.1 uniform pairs per draw.</summary>
    private static int Btpe(Rng rng, int n, double p)
    {
        double q = 1 - p, npq = n * p * q;
        double fm = n * p + p;
        int m = (int)fm; // the mode
        // Hat: a triangle of half-width p1 about the mode, two parallelograms of height c, and exponential tails.
        double p1 = Math.Floor(2.195 * Math.Sqrt(npq) - 4.6 * q) + 0.5;
        double xm = m + 0.5, xl = xm - p1, xr = xm + p1;
        double c = 0.134 + 20.5 / (15.3 + m);
        double a = (fm - xl) / (fm - xl * p);
        double lambdaL = a * (1 + 0.5 * a);
        a = (xr - fm) / (xr * q);
        double lambdaR = a * (1 + 0.5 * a);
        double p2 = p1 * (1 + 2 * c), p3 = p2 + c / lambdaL, p4 = p3 + c / lambdaR;

        while (true)
        {
            double u = rng.NextDouble() * p4, v = rng.NextDouble();
            int y;
            if (u <= p1) return (int)Math.Floor(xm - p1 * v + u); // inside the triangle: always accepted
            if (u <= p2)
            {
                double x = xl + (u - p1) / c;
                v = v * c + 1 - Math.Abs(xm - x) / p1;
                if (v > 1) continue;
                y = (int)Math.Floor(x);
            }
            else if (u <= p3)
            {
                double x = Math.Floor(xl + Math.Log(v) / lambdaL);
                if (x < 0) continue;
                y = (int)x;
                v *= (u - p2) * lambdaL;
            }
            else
            {
                double x = Math.Floor(xr - Math.Log(v) / lambdaR);
                if (x > n) continue;
                y = (int)x;
                v *= (u - p3) * lambdaR;
            }
            if (Accept(n, p, q, npq, m, y, v)) return y;
        }
    }

    /// <summary>Whether v ≤ f(y)/f(m), the binomial probability of y relative to the mode m.</summary>
    private static bool Accept(int n, double p, double q, double npq, int m, int y, double v)
    {
        int k = Math.Abs(y - m);
        if (k <= 20)
        {
            // Few factors: multiply the ratios f(i)/f(i − 1) = a/i − s directly.
            double s = p / q, a = s * (n + 1), f = 1;
            if (m < y)
                for (int i = m + 1; i <= y; i++) f *= a / i - s;
            else
                for (int i = y + 1; i <= m; i++) f /= a / i - s;
            return v <= f;
        }
        double logV = Math.Log(v);
        if (k < npq / 2 - 1)
        {
            // Squeeze: log(f(y)/f(m)) lies within rho of the normal approximation t.
            double rho = k / npq * ((k * (k / 3.0 + 0.625) + 1.0 / 6.0) / npq + 0.5);
            double t = -(double)k * k / (2 * npq);
            if (logV < t - rho) return true;
            if (logV > t + rho) return false;
        }
        return logV <= LogRatio(n, p, q, m, y);
    }

    /// <summary>log(f(y)/f(m)) for Binomial(n, p), exactly up to rounding.</summary>
    internal static double LogRatio(int n, double p, double q, int m, int y) =>
        LogFactorial(m) + LogFactorial(n - m) - LogFactorial(y) - LogFactorial(n - y) + (y - m) * Math.Log(p / q);

    private const int TableSize = 256;
    private static readonly double[] _logFactorials = BuildTable();

    private static double[] BuildTable()
    {
        var table = new double[TableSize];
        for (int i = 2; i < TableSize; i++) table[i] = table[i - 1] + Math.Log(i);
        return table;
    }

    /// <summary>log(k!), from a table below 256 and Stirling's series (error below 1e-19) above.</summary>
    internal static double LogFactorial(int k)
    {
        if (k < TableSize) return _logFactorials[k];
        double x = k, inverse = 1 / x, inverse2 = inverse * inverse;
        double series = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260)));
        return x * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI * x) + series;
    }
}
