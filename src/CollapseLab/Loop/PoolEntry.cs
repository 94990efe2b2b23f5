namespace CollapseLab.Loop;

/// <summary>What a workflow may know of one pool entry: its origin, the iteration that added it and its size.</summary>
/// <param name="Origin">Real or synthetic.</param>
/// <param name="Generation">0 for the initial real data; t for data added after iteration t's fit.</param>
/// <param name="Count">Number of samples.</param>
public readonly record struct PoolEntry(Origin Origin, int Generation, int Count);
