namespace CollapseLab.Tests.Cli;

/// <summary>CLI tests redirect the process-wide console, so they never run in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliTestCollection
{
    public const string Name = "CLI";
}
