namespace CollapseLab.Tasks.LinReg;

/// <summary>Exact expectations of the linear-regression setting (docs/semantics.md §5), for n &gt; d + 1.</summary>
public static class LinRegTheory
{
    /// <summary>E test_mse_t: Replace t·σ²d/(n − d − 1); Accumulate σ²d/(n − d − 1)·Σ_{i=1..t} 1/i²; otherwise (or n ≤ d + 1) null.</summary>
    public static double? TestMse(string workflow, int dim, int samples, double sigma2, int t)
    {
        if (samples <= dim + 1) return null;
        double oneFit = sigma2 * dim / (samples - dim - 1.0);
        return workflow switch
        {
            "replace" => t * oneFit,
            "accumulate" => oneFit * Enumerable.Range(1, t).Sum(i => 1.0 / ((double)i * i)),
            _ => null,
        };
    }
}
