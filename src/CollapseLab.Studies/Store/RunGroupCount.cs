namespace CollapseLab.Store;

/// <summary>How many runs (seeds) of one configuration the store holds, by status.</summary>
public sealed record RunGroupCount(string Task, string Workflow, IReadOnlyDictionary<string, string> Parameters, long Completed, long Failed);
