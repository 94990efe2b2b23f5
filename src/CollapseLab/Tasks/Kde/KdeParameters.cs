using CollapseLab.Parameters;

namespace CollapseLab.Tasks.Kde;

/// <summary>The parameters of <see cref="KdeSetting"/>; every field has its default.</summary>
public sealed record KdeParameters
{
    /// <summary>The real data's generator (scikit-learn's make_*); ignored when <see cref="Data"/> is given.</summary>
    public KdeDataset Dataset { get; init; } = KdeDataset.Moons;

    /// <summary>Standard deviation of the per-coordinate noise (moons, circles, swiss roll).</summary>
    public double Noise { get; init; } = 0.05;

    /// <summary>The kernel bandwidth h: a number, or a rule recomputed from the training-set size at every fit.</summary>
    public KdeBandwidth Bandwidth { get; init; } = KdeBandwidth.Fixed(1.0);

    /// <summary>Inner circle radius relative to the outer one (circles).</summary>
    public double Factor { get; init; } = 0.8;

    /// <summary>Dimension of the blobs.</summary>
    public int Features { get; init; } = 2;

    /// <summary>Number of blobs.</summary>
    public int Centers { get; init; } = 3;

    /// <summary>Standard deviation of each blob.</summary>
    public double ClusterStd { get; init; } = 1.0;

    /// <summary>A CSV file of real data, or null for a generator.</summary>
    public string? Data { get; init; }

    /// <summary>τ: synthetic samples are a training point plus N(0, (τh)²I).</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Blobs only: the test set has centres of its own, as in the reference study (<see cref="KdeSetting.ReferenceTestCenters"/>).</summary>
    public bool ReferenceTestCenters { get; init; }

    private static readonly ParameterCondition Blobs = new("dataset", ["blobs"]);

    /// <summary>The parameters as users write them (names, meanings, accepted values).</summary>
    public static ParameterDeclaration<KdeParameters> Declaration { get; } = new ParameterDeclaration<KdeParameters>("task kde")
        .Add("dataset", "real data generator (as scikit-learn's make_*); ignored when --data is given",
            ParameterKind.Choice(("moons", KdeDataset.Moons), ("circles", KdeDataset.Circles), ("swiss_roll", KdeDataset.SwissRoll), ("blobs", KdeDataset.Blobs)),
            p => p.Dataset, (p, v) => p with { Dataset = v })
        .Add("noise", "standard deviation of the Gaussian noise added to each coordinate (moons, circles, swiss_roll)",
            ParameterKind.Real(above: 0, inclusive: true), p => p.Noise, (p, v) => p with { Noise = v },
            appliesWhen: new("dataset", ["moons", "circles", "swiss_roll"]))
        .Add("bandwidth", "kernel bandwidth h: a number, or scott / silverman (recomputed from the training-set size N at every fit)",
            new ParameterKind<KdeBandwidth>(KdeBandwidth.Accepted, text => KdeBandwidth.TryParse(text) is { } h ? (true, h) : (false, default), h => h.ToString()),
            p => p.Bandwidth, (p, v) => p with { Bandwidth = v })
        .Add("factor", "radius of the inner circle relative to the outer one (circles)",
            new ParameterKind<double>("a number ≥ 0 and < 1", text => ParameterSpec.TryParseReal(text, out double v) && v >= 0 && v < 1 ? (true, v) : (false, 0), ParameterSpec.Format),
            p => p.Factor, (p, v) => p with { Factor = v }, appliesWhen: new("dataset", ["circles"]))
        .Add("features", "dimension d of the blobs", ParameterKind.Int(min: 1), p => p.Features, (p, v) => p with { Features = v }, appliesWhen: Blobs)
        .Add("centers", "number of blobs, centres uniform in [-10, 10]^d, drawn once per run", ParameterKind.Int(min: 1),
            p => p.Centers, (p, v) => p with { Centers = v }, appliesWhen: Blobs)
        .Add("cluster-std", "standard deviation of each blob", ParameterKind.Real(above: 0, inclusive: true),
            p => p.ClusterStd, (p, v) => p with { ClusterStd = v }, appliesWhen: Blobs)
        .Add("data", "CSV file of real data (numeric columns, header optional); training and test sets are drawn from it without overlap",
            ParameterKind.Text("a path to a CSV file", text => text.Trim().Length > 0 ? text.Trim() : null),
            p => p.Data, (p, v) => p with { Data = v }, input: ParameterInput.File)
        .Add("temperature", "sampling temperature τ: synthetic samples use bandwidth τ·h (the fitted density keeps h)", ParameterKind.Real(above: 0),
            p => p.Temperature, (p, v) => p with { Temperature = v }, omitWhenDefault: true)
        .Add(KdeSetting.ReferenceTestCentersKey,
            "blobs: draw the test set's centres separately from the training data's, as the reference study does (two make_blobs calls); off: one truth for both",
            ParameterKind.Flag, p => p.ReferenceTestCenters, (p, v) => p with { ReferenceTestCenters = v }, omitWhenDefault: true);
}
