using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Numerics;
using CollapseLab.Random;

namespace CollapseLab.Tasks.LinReg;

/// <summary>
/// One linear-regression run: the fixed design X₀ (n × d), the true weights w*, the test points, and the fits.
/// </summary>
/// <remarks>
/// When the training rows are the design repeated c times (Replace: c = 1; Accumulate after t iterations:
/// c = t), pinv(X) y = pinv(X₀)·ȳ with ȳ the per-row mean label, because pinv(1_c ⊗ X₀) = (1/c)·1_cᵀ ⊗ pinv(X₀).
/// pinv(X₀) is computed once per run, so such a fit costs O(n·d). Under Accumulate the per-row label sums of the
/// pool are kept as a running total, so an iteration adds one generation instead of revisiting all of them. Any
/// other selection (e.g. Accumulate-Subsample) is solved as a weighted least-squares problem on its distinct rows.
/// </remarks>
internal sealed class LinRegRun : ITaskRun<Labels>, IFreshRealData<Labels>, ITruthLikelihood<Labels>
{
    private double[]? _designPinv; // pinv(X₀), row-major (d, n)
    private readonly PrefixTotal<RowStatistics> _prefix = new();
    private int _nextFreshRow; // fresh real labels continue through the design rows where the last batch stopped

    public LinRegSetting Setting { get; }

    /// <summary>X₀, (n, d).</summary>
    public Rows Design { get; }

    /// <summary>w*, length d.</summary>
    public double[] TrueWeights { get; }

    /// <summary>Test points, (1000, d).</summary>
    public Rows Test { get; }

    public Labels Real { get; }

    public LinRegRun(LinRegSetting setting, Rows design, double[] trueWeights, Rows test, Rng realNoise)
    {
        Setting = setting;
        Design = design;
        TrueWeights = trueWeights;
        Test = test;
        Real = Label(trueWeights, design.Count, realNoise);
    }

    /// <summary>
    /// Fresh real labels: design rows relabelled with w* and new noise. Batches continue cyclically through the
    /// rows, so small batches spread over the whole design instead of always relabelling its first rows.
    /// </summary>
    public Labels DrawReal(int n, Rng rng)
    {
        var labels = Label(TrueWeights, n, rng, _nextFreshRow);
        _nextFreshRow = (int)((_nextFreshRow + (long)n) % Design.Count);
        return labels;
    }

    public double[] TruthLogLikelihood(Labels samples) => LogLikelihood(TrueWeights, samples);

    /// <summary>
    /// log N(y_i; x_{r_i}ᵀw, σ²) up to a shared constant: −(y_i − x_{r_i}ᵀw)²/(2σ²); with σ² = 0 (no likelihood
    /// exists) −(y_i − x_{r_i}ᵀw)², which ranks samples the same way.
    /// </summary>
    public double[] LogLikelihood(double[] weights, Labels samples)
    {
        var fitted = Fitted(weights);
        double scale = Setting.Sigma2 > 0 ? 1 / (2 * Setting.Sigma2) : 1;
        var scores = new double[samples.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            double residual = samples.Values[i] - fitted[samples.DesignRows[i]];
            scores[i] = -residual * residual * scale;
        }
        return scores;
    }

    public IModel<Labels> Fit(TrainingSet<Labels> train, Rng rng) => new LinRegModel(this, Solve(Statistics(train)));

    /// <summary>
    /// m labels y_i = x_{r_i}ᵀw + σε_i for the rows r_i = (first + i) mod n: a full generation (m = n, first = 0)
    /// labels every design row once, in order.
    /// </summary>
    public Labels Label(double[] weights, int m, Rng rng, int first = 0)
    {
        int n = Design.Count;
        var fitted = Fitted(weights);
        double sigma = Math.Sqrt(Setting.Sigma2);
        var rows = new int[m];
        var values = new double[m];
        rng.FillGaussian(values);
        for (int i = 0; i < m; i++)
        {
            rows[i] = (int)((first + (long)i) % n);
            values[i] = fitted[rows[i]] + sigma * values[i];
        }
        return new Labels(rows, values);
    }

    /// <summary>X₀w, length n.</summary>
    private double[] Fitted(double[] weights)
    {
        int n = Design.Count, d = Design.Dim;
        var fitted = new double[n];
        for (int j = 0; j < n; j++)
        {
            var x = Design.Row(j);
            double s = 0;
            for (int k = 0; k < d; k++) s += x[k] * weights[k];
            fitted[j] = s;
        }
        return fitted;
    }

    private RowStatistics Statistics(TrainingSet<Labels> train)
    {
        int prefix = train.WholePrefixLength();
        if (prefix > 0)
            return _prefix.Of(prefix, k => Added(new RowStatistics(Design.Count), train.Pool[k]), (total, k) => Added(total, train.Pool[k]));
        if (train.Selection.Parts.Count == 0) throw new InvalidOperationException("the workflow selected no training data");
        var statistics = new RowStatistics(Design.Count);
        foreach (var part in train.Selection.Parts) statistics.Add(train.Part(part));
        return statistics;
    }

    private static RowStatistics Added(RowStatistics statistics, Labels labels)
    {
        statistics.Add(labels);
        return statistics;
    }

    /// <summary>ŵ = pinv(X) y for the training rows summarised by <paramref name="statistics"/>.</summary>
    private double[] Solve(RowStatistics statistics)
    {
        int n = Design.Count, d = Design.Dim;
        var w = new double[d];
        int c = statistics.UniformCount();
        if (c > 0)
        {
            var pinv = _designPinv ??= PseudoInverse.Of(Design.Values, n, d);
            for (int k = 0; k < d; k++)
            {
                double s = 0;
                for (int j = 0; j < n; j++) s += pinv[k * n + j] * statistics.Sums[j];
                w[k] = s / c;
            }
            return w;
        }
        // Weighted least squares on the distinct rows: row j scaled by √c_j, target Σy/√c_j (= √c_j·ȳ_j).
        var used = Enumerable.Range(0, n).Where(j => statistics.Counts[j] > 0).ToArray();
        if (used.Length == 0) throw new InvalidOperationException("the workflow selected no training data");
        var a = new double[used.Length * d];
        var b = new double[used.Length];
        for (int r = 0; r < used.Length; r++)
        {
            int j = used[r];
            double scale = Math.Sqrt(statistics.Counts[j]);
            var x = Design.Row(j);
            for (int k = 0; k < d; k++) a[r * d + k] = scale * x[k];
            b[r] = statistics.Sums[j] / scale;
        }
        var inverse = PseudoInverse.Of(a, used.Length, d); // (d, m)
        for (int k = 0; k < d; k++)
        {
            double s = 0;
            for (int r = 0; r < used.Length; r++) s += inverse[k * used.Length + r] * b[r];
            w[k] = s;
        }
        return w;
    }
}
