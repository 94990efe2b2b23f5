using CollapseLab.Lm.Corpora;
using CollapseLab.Lm.Model;
using CollapseLab.Parameters;
using CollapseLab.Random;

namespace CollapseLab.Lm;

/// <summary>The real documents of the setting: a training pool and a held-out validation set, split once.</summary>
/// <param name="Pool">Real documents each run draws its generation 0 from.</param>
/// <param name="Validation">Real documents eval_loss is measured on; never trained on.</param>
/// <param name="Dropped">Documents left out because they break the format or exceed the context.</param>
/// <param name="Tokenizer">The tokenizer the documents are read in.</param>
public sealed record LmData(Documents Pool, Documents Validation, int Dropped, Tokenizer Tokenizer)
{
    /// <summary>The validation documents as token sequences of <see cref="Tokenizer"/>, end-of-text included (computed once).</summary>
    public IReadOnlyList<long[]> ValidationTokens { get; } = Validation.Items.Select(d => Tokenizer.Encode(d.Text)).ToArray();

    /// <summary>UTF-8 bytes of the validation documents' text (end-of-text is not a byte): the denominator of bits per byte.</summary>
    public long ValidationBytes { get; } = Validation.Items.Sum(d => (long)System.Text.Encoding.UTF8.GetByteCount(d.Text));

    /// <summary>
    /// Drops documents that are not well-formed or longer than <paramref name="context"/> tokens of <paramref name="tokenizer"/> (as the reference
    /// study dropped over-long ones), then holds out <paramref name="validationCount"/> chosen by <paramref name="rng"/>.
    /// </summary>
    /// <exception cref="InvalidParameterException">Too few documents to hold that many out and still train.</exception>
    public static LmData Split(IReadOnlyList<Document> documents, Tokenizer tokenizer, int context, int validationCount, Rng rng)
    {
        var usable = documents.Where(d => TokenCount(d, tokenizer) <= context && DocumentFormat.IsWellFormed(d)).ToArray();
        if (usable.Length <= validationCount)
            throw new InvalidParameterException("eval-docs",
                $"invalid {InvalidParameterException.Name("eval-docs")} {validationCount} for task lm: only {usable.Length} of {documents.Count} real documents fit the context of {context} tokens; hold out fewer");
        var order = Enumerable.Range(0, usable.Length).ToArray();
        rng.Shuffle(order.AsSpan());
        var validation = order[..validationCount].Order().Select(i => usable[i]).ToArray();
        var pool = order[validationCount..].Order().Select(i => usable[i]).ToArray();
        return new LmData(new Documents(pool), new Documents(validation), documents.Count - usable.Length, tokenizer);
    }

    /// <summary>Tokens <paramref name="document"/> takes, end-of-text included (for bytes, <see cref="Document.TokenCount"/>, without encoding).</summary>
    private static int TokenCount(Document document, Tokenizer tokenizer) =>
        tokenizer is ByteTokenizer ? document.TokenCount : tokenizer.Encode(document.Text).Length;
}
