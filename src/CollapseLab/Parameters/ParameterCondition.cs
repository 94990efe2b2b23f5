namespace CollapseLab.Parameters;

/// <summary>
/// When a parameter applies: only while another parameter of the same declaration list has one of
/// <paramref name="Values"/> (canonical text), e.g. kde's <c>factor</c> applies when <c>dataset = circles</c>.
/// Reports name only applicable parameters in titles and captions; the parameter is still accepted, recorded and part
/// of the run's identity whatever its condition.
/// </summary>
public sealed record ParameterCondition(string Parameter, IReadOnlyList<string> Values)
{
    /// <summary>"dataset = circles" or "dataset ∈ {moons, circles}".</summary>
    public override string ToString() => Values.Count == 1 ? $"{Parameter} = {Values[0]}" : $"{Parameter} ∈ {{{string.Join(", ", Values)}}}";

    /// <summary>
    /// The entries of <paramref name="values"/> (canonical name → text, as a run records them) whose declaration in
    /// <paramref name="specs"/> has no condition or one the values meet; undeclared names are kept.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Applicable(IReadOnlyList<ParameterSpec> specs, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        var byName = values.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.First().Value);
        return values.Where(v =>
            specs.FirstOrDefault(s => s.Name == v.Key)?.AppliesWhen is not { } condition
            || (byName.TryGetValue(condition.Parameter, out var other) && condition.Values.Contains(other))).ToArray();
    }
}
