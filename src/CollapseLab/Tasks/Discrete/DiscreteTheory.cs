namespace CollapseLab.Tasks.Discrete;

/// <summary>Exact expectations of the discrete setting (docs/semantics.md §5), uniform truth over K outcomes, n draws per generation.</summary>
public static class DiscreteTheory
{
    /// <summary>E gini_simpson_t: Replace (1 − 1/K)(1 − 1/n)^t; Accumulate (1 − 1/K) Π_{k=1..t} (1 − 1/(n k²)); otherwise null.</summary>
    public static double? GiniSimpson(string workflow, int outcomes, int samples, int t)
    {
        double start = 1 - 1.0 / outcomes;
        switch (workflow)
        {
            case "replace":
                return start * Math.Pow(1 - 1.0 / samples, t);
            case "accumulate":
                for (int k = 1; k <= t; k++) start *= 1 - 1.0 / (samples * (double)k * k);
                return start;
            default:
                return null;
        }
    }

    /// <summary>The approximate expected fixation iteration under Replace from a uniform start: 2n(K − 1)·ln(K/(K − 1)).</summary>
    public static double FixationIteration(int outcomes, int samples) =>
        2.0 * samples * (outcomes - 1) * Math.Log(outcomes / (outcomes - 1.0));
}
