using System.Globalization;

namespace CollapseLab.Parameters;

/// <summary>
/// How a parameter of type <typeparamref name="TValue"/> is written as text: what it accepts (for messages), how text
/// parses and how a value prints as canonical text. A <see cref="ParameterDeclaration{TRecord}"/> binds one to a
/// record property.
/// </summary>
/// <param name="Accepted">What is accepted, phrased for an error message ("an integer ≥ 1").</param>
/// <param name="TryParse">The value of a text, or Ok = false when the text is not accepted.</param>
/// <param name="Format">The canonical text of a value (parsing it gives the value back).</param>
public sealed record ParameterKind<TValue>(string Accepted, Func<string, (bool Ok, TValue Value)> TryParse, Func<TValue, string> Format)
{
    /// <summary>The canonical text of <paramref name="text"/>, or null when it is not accepted.</summary>
    public string? Canonicalize(string text) => TryParse(text) is (true, var value) ? Format(value) : null;
}

/// <summary>The kinds of parameter values settings use.</summary>
public static class ParameterKind
{
    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ParameterKind<int> Int(int min = int.MinValue, int max = int.MaxValue) =>
        new(max == int.MaxValue ? $"an integer ≥ {min}" : $"an integer in [{min}, {max}]",
            text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max ? (true, v) : (false, 0),
            v => v.ToString(CultureInfo.InvariantCulture));

    /// <summary>A finite real number, &gt; <paramref name="above"/> (or ≥ when <paramref name="inclusive"/>), and ≤ <paramref name="atMost"/>.</summary>
    public static ParameterKind<double> Real(double above = double.NegativeInfinity, bool inclusive = false, double atMost = double.PositiveInfinity)
    {
        string lower = double.IsNegativeInfinity(above) ? "" : $"{(inclusive ? "≥" : ">")} {ParameterSpec.Format(above)}";
        string upper = double.IsPositiveInfinity(atMost) ? "" : $"≤ {ParameterSpec.Format(atMost)}";
        string accepted = "a number" + (lower.Length + upper.Length == 0 ? "" : " " + string.Join(" and ", new[] { lower, upper }.Where(s => s.Length > 0)));
        return new(accepted,
            text => ParameterSpec.TryParseReal(text, out double v) && (inclusive ? v >= above : v > above) && v <= atMost ? (true, v) : (false, 0),
            ParameterSpec.Format);
    }

    /// <summary>One of <paramref name="choices"/>' texts (matched case-insensitively, canonical as written here).</summary>
    public static ParameterKind<TValue> Choice<TValue>(params (string Text, TValue Value)[] choices) =>
        new("one of " + string.Join(", ", choices.Select(c => c.Text)),
            text => choices.FirstOrDefault(c => string.Equals(c.Text, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { Text: not null } c ? (true, c.Value) : (false, default!),
            value => choices.First(c => EqualityComparer<TValue>.Default.Equals(c.Value, value)).Text);

    /// <summary>One of the texts <paramref name="choices"/> (matched case-insensitively, canonical as written here).</summary>
    public static ParameterKind<string> Choice(IEnumerable<string> choices) => Choice(choices.Select(c => (c, c)).ToArray());

    /// <summary>An on/off switch; canonical <c>true</c>/<c>false</c>.</summary>
    public static ParameterKind<bool> Flag { get; } = new("true or false",
        text => bool.TryParse(text.Trim(), out bool v) ? (true, v) : (false, false), v => v ? "true" : "false");

    /// <summary>Free text (a path, a command); <paramref name="canonicalize"/> (default: non-empty as given) returns null for text that is not accepted.</summary>
    public static ParameterKind<string> Text(string accepted, Func<string, string?>? canonicalize = null)
    {
        canonicalize ??= t => t.Length > 0 ? t : null;
        return new(accepted, text => canonicalize(text) is { } c ? (true, c) : (false, ""), text => text); // parsed text is canonical already
    }

    /// <summary>The same kind for a property that may have no value (null: the parameter is left out).</summary>
    public static ParameterKind<TValue?> Optional<TValue>(this ParameterKind<TValue> kind) where TValue : struct =>
        new(kind.Accepted, text => kind.TryParse(text) is (true, var v) ? (true, v) : (false, null), v => kind.Format(v!.Value));
}
