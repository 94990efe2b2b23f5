namespace CollapseLab.Parameters;

/// <summary>A parameter value that is not accepted; the message names the parameter and what is accepted.</summary>
public sealed class InvalidParameterException(string parameter, string message) : Exception(message)
{
    /// <summary>The parameter's name as users write it (CLI option without dashes, sweep key).</summary>
    public string Parameter { get; } = parameter;
}
