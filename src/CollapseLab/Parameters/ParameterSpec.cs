using System.Globalization;

namespace CollapseLab.Parameters;

/// <summary>
/// One declared parameter of a task setting or workflow: its name as users write it, what it
/// means, its default, and what it accepts. The CLI builds its options, the sweep loader checks
/// its keys and the stores name their columns from these declarations, so they cannot drift apart.
/// </summary>
/// <param name="Name">Lower-case, dash-separated name (<c>dim</c>, <c>sigma2</c>, <c>cluster-std</c>).</param>
/// <param name="Description">One line: what the parameter means.</param>
/// <param name="Default">The default value as text, or null when the parameter is optional with no default.</param>
/// <param name="Accepted">What is accepted, phrased for an error message ("an integer ≥ 1").</param>
/// <param name="Canonicalize">Parses a value and returns its canonical text, or null when the value is not accepted.</param>
public sealed record ParameterSpec(
    string Name, string Description, string? Default, string Accepted, Func<string, string?> Canonicalize)
{
    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ParameterSpec Int(string name, string description, int? @default, int min = int.MinValue, int max = int.MaxValue) =>
        Of(name, description, @default?.ToString(CultureInfo.InvariantCulture), ParameterKind.Int(min, max));

    /// <summary>A finite real number, &gt; <paramref name="above"/> (or ≥ when <paramref name="inclusive"/>), and ≤ <paramref name="atMost"/>.</summary>
    public static ParameterSpec Real(string name, string description, double? @default, double above = double.NegativeInfinity,
        bool inclusive = false, double atMost = double.PositiveInfinity) =>
        Of(name, description, @default is null ? null : Format(@default.Value), ParameterKind.Real(above, inclusive, atMost));

    /// <summary>One of <paramref name="choices"/> (matched case-insensitively, canonical as written here).</summary>
    public static ParameterSpec Choice(string name, string description, string? @default, params string[] choices) =>
        Of(name, description, @default, ParameterKind.Choice(choices));

    /// <summary>An on/off switch, off by default; canonical <c>true</c>/<c>false</c> (a bare <c>--name</c> on the CLI).</summary>
    public static ParameterSpec Flag(string name, string description) =>
        Of(name, description, "false", ParameterKind.Flag) with { IsFlag = true };

    /// <summary>Free text (a path, a rule); <paramref name="canonicalize"/> returns null for text that is not accepted.</summary>
    public static ParameterSpec Text(string name, string description, string? @default, string accepted, Func<string, string?>? canonicalize = null) =>
        Of(name, description, @default, ParameterKind.Text(accepted, canonicalize));

    private static ParameterSpec Of<TValue>(string name, string description, string? @default, ParameterKind<TValue> kind) =>
        new(name, description, @default, kind.Accepted, kind.Canonicalize);

    /// <summary>
    /// The file or directory the value names, if any. A run's identity then includes the input's SHA-256
    /// (<see cref="ContentDigest"/>) beside the path, so a changed file is a new run, never a stale "done"; and no
    /// output of the same command may be written over it.
    /// </summary>
    public ParameterInput Input { get; init; }

    /// <summary>When the parameter applies (null: always); reports leave it out of titles otherwise (<see cref="ParameterCondition"/>).</summary>
    public ParameterCondition? AppliesWhen { get; init; }

    /// <summary>
    /// A family of parameters named <c>NAME.MEMBER</c> for any member name the user chooses (the external setting's
    /// <c>--param MEMBER=VALUE</c>, which a sweep file writes as <c>param.MEMBER</c>); every member is a parameter of
    /// its own, in run keys and as a sweep axis. <paramref name="canonicalize"/> checks each member's value.
    /// </summary>
    public static ParameterSpec Family(string name, string description, string accepted, Func<string, string?>? canonicalize = null) =>
        new(name, description, null, accepted, canonicalize ?? (t => t)) { IsFamily = true };

    /// <summary>True for a <see cref="Family"/> of parameters.</summary>
    public bool IsFamily { get; init; }

    /// <summary>
    /// Whether <paramref name="parameter"/> is this parameter, or for a family one of its members: <c>NAME.MEMBER</c>
    /// with MEMBER a letter followed by letters, digits, <c>_</c> or <c>-</c>.
    /// </summary>
    public bool Matches(string parameter) =>
        IsFamily
            ? parameter.Length > Name.Length + 1 && parameter.StartsWith(Name + ".", StringComparison.Ordinal) && IsMemberName(parameter[(Name.Length + 1)..])
            : parameter == Name;

    /// <summary>A family member's own name (<c>lr</c> in <c>param.lr</c>): a letter, then letters, digits, <c>_</c> or <c>-</c>.</summary>
    public static bool IsMemberName(string member) =>
        member.Length > 0 && char.IsAsciiLetter(member[0]) && member.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>True for on/off switches (<see cref="Flag"/>).</summary>
    public bool IsFlag { get; init; }

    /// <summary>
    /// Left out of canonical parameters (run keys, CSV columns) while at its default, so adding an optional
    /// modifier never changes the identity of runs that do not use it.
    /// </summary>
    public bool OmitWhenDefault { get; init; }

    /// <summary>A real number parsed with the invariant culture; rejects NaN and infinities.</summary>
    public static bool TryParseReal(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Shortest round-trip invariant text of a number (the canonical form of every real parameter).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
