using CollapseLab.Parameters;

namespace CollapseLab.Tasks.Kde;

/// <summary>
/// The KDE bandwidth as given: a fixed positive number, or a rule of thumb evaluated at each fit from the training-set
/// size N and dimension d (scikit-learn's rules, not scaled by the data's spread; identical when d = 2).
/// </summary>
public readonly record struct KdeBandwidth(BandwidthRule Rule, double Value)
{
    /// <summary>What the <c>bandwidth</c> parameter accepts.</summary>
    public const string Accepted = "a number > 0 and ≤ 1e300, scott or silverman";

    /// <summary>
    /// The largest fixed bandwidth (and sampling spread τ·h): synthetic samples x + τh·z must stay finite over any
    /// number of generations, or their spread and densities would be NaN.
    /// </summary>
    public const double Largest = 1e300;

    /// <summary>Scott's rule, h = N^(−1/(d + 4)).</summary>
    public static KdeBandwidth Scott => new(BandwidthRule.Scott, double.NaN);

    /// <summary>Silverman's rule, h = (N (d + 2) / 4)^(−1/(d + 4)).</summary>
    public static KdeBandwidth Silverman => new(BandwidthRule.Silverman, double.NaN);

    /// <summary>A fixed bandwidth 0 &lt; <paramref name="h"/> ≤ <see cref="Largest"/>.</summary>
    public static KdeBandwidth Fixed(double h) =>
        h > 0 && h <= Largest ? new(BandwidthRule.Fixed, h) : throw new ArgumentOutOfRangeException(nameof(h), h, "must be a number > 0 and ≤ 1e300");

    /// <summary>Parses a number in (0, <see cref="Largest"/>], <c>scott</c> or <c>silverman</c> (case-insensitive); null when not accepted.</summary>
    public static KdeBandwidth? TryParse(string text)
    {
        text = text.Trim();
        if (string.Equals(text, "scott", StringComparison.OrdinalIgnoreCase)) return Scott;
        if (string.Equals(text, "silverman", StringComparison.OrdinalIgnoreCase)) return Silverman;
        return ParameterSpec.TryParseReal(text, out double h) && h > 0 && h <= Largest ? Fixed(h) : null;
    }

    /// <summary>True for a fixed number (Accumulate can then score incrementally).</summary>
    public bool IsFixed => Rule == BandwidthRule.Fixed;

    /// <summary>The bandwidth used for a training set of <paramref name="count"/> points in <paramref name="dim"/> dimensions.</summary>
    public double For(int count, int dim) => Rule switch
    {
        BandwidthRule.Fixed => Value,
        BandwidthRule.Scott => Math.Pow(count, -1.0 / (dim + 4)),
        BandwidthRule.Silverman => Math.Pow(count * (dim + 2) / 4.0, -1.0 / (dim + 4)),
        _ => throw new InvalidOperationException($"unknown bandwidth rule {Rule}"),
    };

    /// <summary>Canonical text: the shortest round-trip number, or the rule's lower-case name.</summary>
    public override string ToString() => Rule switch
    {
        BandwidthRule.Fixed => ParameterSpec.Format(Value),
        BandwidthRule.Scott => "scott",
        _ => "silverman",
    };
}
