namespace CollapseLab.Lm.Sampling;

/// <summary>What a round of sampling kept, and how many sequences it took.</summary>
/// <param name="Documents">The well-formed documents, in the order written.</param>
/// <param name="Attempts">Sequences written, well-formed or not.</param>
public sealed record SampleOutcome(IReadOnlyList<Document> Documents, int Attempts)
{
    /// <summary>Share of the sequences written that were not well-formed.</summary>
    public double MalformedFraction => Attempts == 0 ? 0 : (double)(Attempts - Documents.Count) / Attempts;
}
