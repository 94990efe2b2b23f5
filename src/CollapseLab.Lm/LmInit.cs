namespace CollapseLab.Lm;

/// <summary>The choices of <c>--init</c>: what model each iteration starts from.</summary>
public static class LmInit
{
    /// <summary>A fresh copy of the pretrained base, fine-tuned (the reference study's setting; the default).</summary>
    public const string Base = "base";

    /// <summary>
    /// A freshly initialised model, from the run's own initialisation stream, trained on the workflow's documents alone
    /// (the from-scratch pretraining of "Is Model Collapse Inevitable?").
    /// </summary>
    public const string Scratch = "scratch";
}
