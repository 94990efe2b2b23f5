namespace CollapseLab.Parameters;

/// <summary>
/// The parameters of a setting, declared once as a list that binds each name to a property of the parameters record
/// <typeparamref name="TRecord"/> (whose field initialisers are the defaults). From it come the
/// <see cref="ParameterSpec"/>s (CLI options, sweep keys, store columns, titles), reading canonical values into a record
/// and writing a record back as canonical values, the same way for every setting.
/// </summary>
/// <remarks>
/// Getters and <c>with</c>-setters are written out (no reflection), so what a name means is in plain sight and the
/// compiler checks it. A default is the record's default value printed by its kind, so the record's initialisers are
/// the only place a default is written.
/// </remarks>
public sealed class ParameterDeclaration<TRecord> where TRecord : class, new()
{
    private sealed record Binding(ParameterSpec Spec, Func<TRecord, IEnumerable<KeyValuePair<string, string>>> Write, Func<TRecord, ParameterValues, TRecord> Read);

    private readonly IReadOnlyList<Binding> _bindings;
    private readonly string _owner;

    /// <summary>An empty declaration; <paramref name="owner"/> names the setting in messages (<c>task gaussian</c>).</summary>
    public ParameterDeclaration(string owner) : this(owner, [])
    {
    }

    private ParameterDeclaration(string owner, IReadOnlyList<Binding> bindings)
    {
        _owner = owner;
        _bindings = bindings;
        Specs = bindings.Select(b => b.Spec).ToArray();
    }

    /// <summary>The declared parameters, in declaration order.</summary>
    public IReadOnlyList<ParameterSpec> Specs { get; }

    /// <summary>
    /// This declaration and parameter <paramref name="name"/>, bound to the record property <paramref name="get"/> reads and
    /// <paramref name="set"/> replaces. A null value means the parameter has no value (it is left out of run keys).
    /// </summary>
    /// <param name="name">The parameter's name: its sweep key and store column (the CLI option is <c>--name</c>).</param>
    /// <param name="description">What the parameter means, for help and error messages.</param>
    /// <param name="kind">What values are accepted and how they are written as text.</param>
    /// <param name="get">Reads the value from a record.</param>
    /// <param name="set">Returns a record with the value replaced.</param>
    /// <param name="appliesWhen">See <see cref="ParameterSpec.AppliesWhen"/>.</param>
    /// <param name="input">See <see cref="ParameterSpec.Input"/>.</param>
    /// <param name="omitWhenDefault">See <see cref="ParameterSpec.OmitWhenDefault"/>.</param>
    public ParameterDeclaration<TRecord> Add<TValue>(string name, string description, ParameterKind<TValue> kind,
        Func<TRecord, TValue?> get, Func<TRecord, TValue, TRecord> set,
        ParameterCondition? appliesWhen = null, ParameterInput input = ParameterInput.None, bool omitWhenDefault = false)
    {
        string? Text(TRecord record) => get(record) is { } value ? kind.Format(value) : null;
        var spec = new ParameterSpec(name, description, Text(new TRecord()), kind.Accepted, kind.Canonicalize)
        {
            AppliesWhen = appliesWhen,
            Input = input,
            OmitWhenDefault = omitWhenDefault,
            IsFlag = typeof(TValue) == typeof(bool),
        };
        return With(new Binding(spec,
            record => Text(record) is { } text ? [KeyValuePair.Create(name, text)] : [],
            (record, values) => values.Text(name) is { } text ? set(record, kind.TryParse(text).Value) : record));
    }

    /// <summary>
    /// This declaration and a family of parameters <c>NAME.MEMBER</c> (<see cref="ParameterSpec.Family"/>), bound to a
    /// dictionary property of member name → text.
    /// </summary>
    public ParameterDeclaration<TRecord> AddFamily(string name, string description, string accepted,
        Func<TRecord, IReadOnlyDictionary<string, string>> get, Func<TRecord, IReadOnlyDictionary<string, string>, TRecord> set) =>
        With(new Binding(ParameterSpec.Family(name, description, accepted),
            record => get(record).Select(m => KeyValuePair.Create($"{name}.{m.Key}", m.Value)),
            (record, values) => set(record, values.Members(name).ToDictionary(m => m.Key, m => m.Value))));

    private ParameterDeclaration<TRecord> With(Binding binding) =>
        _bindings.Any(b => b.Spec.Name == binding.Spec.Name)
            ? throw new ArgumentException($"parameter '{binding.Spec.Name}' is declared twice", nameof(binding))
            : new(_owner, [.. _bindings, binding]);

    /// <summary>The record <paramref name="values"/> (checked against <see cref="Specs"/>) describe.</summary>
    public TRecord Read(ParameterValues values) => _bindings.Aggregate(new TRecord(), (record, b) => b.Read(record, values));

    /// <summary>The record given by parameter text (name → value, as a CLI or sweep file gives it; defaults for the rest).</summary>
    /// <exception cref="InvalidParameterException">An unknown name, or a value that is not accepted.</exception>
    public TRecord Parse(IReadOnlyDictionary<string, string> given) => Read(ParameterValues.Parse(Specs, given, _owner));

    /// <summary>The canonical values of <paramref name="record"/>: what run keys and store columns hold.</summary>
    /// <exception cref="InvalidParameterException">A property holds a value its parameter does not accept (e.g. <c>Dim = 0</c>).</exception>
    public ParameterValues Write(TRecord record) =>
        ParameterValues.Parse(Specs, _bindings.SelectMany(b => b.Write(record)).ToDictionary(), _owner);
}
