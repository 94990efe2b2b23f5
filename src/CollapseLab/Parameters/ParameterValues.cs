using System.Globalization;

namespace CollapseLab.Parameters;

/// <summary>
/// Validated, canonical parameter values for a set of <see cref="ParameterSpec"/>s: every declared
/// parameter has a value (given or default), every value is in canonical text form, and unknown
/// names are rejected. Typed getters read them back.
/// </summary>
public sealed class ParameterValues
{
    private readonly Dictionary<string, string> _values;

    /// <summary>The declared parameters, in declaration order.</summary>
    public IReadOnlyList<ParameterSpec> Specs { get; }

    private ParameterValues(IReadOnlyList<ParameterSpec> specs, Dictionary<string, string> values)
    {
        Specs = specs;
        _values = values;
    }

    /// <summary>Checks <paramref name="given"/> against <paramref name="specs"/> and fills in defaults.</summary>
    /// <exception cref="InvalidParameterException">An unknown name, or a value that is not accepted.</exception>
    public static ParameterValues Parse(IReadOnlyList<ParameterSpec> specs, IReadOnlyDictionary<string, string> given, string owner)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in given)
        {
            var spec = specs.FirstOrDefault(s => s.Matches(name))
                ?? throw new InvalidParameterException(name,
                    $"unknown parameter '{name}' for {owner}; accepted: {(specs.Count == 0 ? "none" : string.Join(", ", specs.Select(s => s.IsFamily ? s.Name + ".NAME" : s.Name)))}");
            values[name] = spec.Canonicalize(text)
                ?? throw new InvalidParameterException(name, $"invalid {InvalidParameterException.Name(name)} '{text}' for {owner}: expected {spec.Accepted}");
        }
        foreach (var spec in specs)
            if (!values.ContainsKey(spec.Name) && spec.Default is not null)
                values[spec.Name] = spec.Default;
        return new ParameterValues(specs, values);
    }

    /// <summary>
    /// The canonical (name, value) pairs in declaration order (a family's members by name, ordinal); parameters
    /// without a value are left out.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Canonical =>
        Specs.SelectMany<ParameterSpec, KeyValuePair<string, string>>(s => s.IsFamily
            ? _values.Where(v => s.Matches(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal)
            : _values.ContainsKey(s.Name) && !(s.OmitWhenDefault && _values[s.Name] == s.Default)
                ? [KeyValuePair.Create(s.Name, _values[s.Name])]
                : []);

    /// <summary>The members of family <paramref name="family"/> (member name without the prefix → value), by name.</summary>
    public IEnumerable<KeyValuePair<string, string>> Members(string family) =>
        Specs.First(s => s.IsFamily && s.Name == family) is var spec
            ? _values.Where(v => spec.Matches(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => KeyValuePair.Create(v.Key[(family.Length + 1)..], v.Value))
            : [];

    /// <summary>The canonical text of <paramref name="name"/>, or null when it has no value.</summary>
    public string? Text(string name) => _values.TryGetValue(name, out var v) ? v : null;

    /// <summary>The value of integer parameter <paramref name="name"/>.</summary>
    /// <exception cref="InvalidParameterException">It has no value.</exception>
    public int Int(string name) => int.Parse(Required(name), CultureInfo.InvariantCulture);

    /// <summary>The value of real parameter <paramref name="name"/>.</summary>
    /// <exception cref="InvalidParameterException">It has no value.</exception>
    public double Real(string name) => double.Parse(Required(name), CultureInfo.InvariantCulture);

    /// <summary>True when flag <paramref name="name"/> is set; false when it is unset or has no value.</summary>
    public bool Flag(string name) => Text(name) == "true";

    private string Required(string name) =>
        Text(name) ?? throw new InvalidParameterException(name, $"{InvalidParameterException.Name(name)} is required");
}
