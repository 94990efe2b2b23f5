using System.Text;

namespace CollapseLab.Lm;

/// <summary>
/// What counts as a well-formed document (DESIGN §4.3): the text starts with <c>user: </c>, no other line starts
/// with it, <c>\nassistant: </c> occurs exactly once, prompt and response are not blank, and the bytes are valid
/// UTF-8. Being ended (an end-of-text token) within the context length is the sampler's check.
/// </summary>
public static class DocumentFormat
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The document written as <paramref name="utf8"/> (without end-of-text), or null when it is not well-formed.</summary>
    public static Document? Parse(ReadOnlySpan<byte> utf8)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        if (!text.StartsWith(Document.UserPrefix, StringComparison.Ordinal)) return null;
        if (text.Contains("\n" + Document.UserPrefix, StringComparison.Ordinal)) return null;
        int separator = text.IndexOf(Document.AssistantSeparator, StringComparison.Ordinal);
        if (separator < 0 || separator != text.LastIndexOf(Document.AssistantSeparator, StringComparison.Ordinal)) return null;
        string prompt = text[Document.UserPrefix.Length..separator];
        string response = text[(separator + Document.AssistantSeparator.Length)..];
        if (string.IsNullOrWhiteSpace(prompt) || string.IsNullOrWhiteSpace(response)) return null;
        return new Document(prompt, response);
    }

    /// <summary>True when <paramref name="document"/> reads back as itself (real data that break the format are dropped).</summary>
    public static bool IsWellFormed(Document document) => Parse(Encoding.UTF8.GetBytes(document.Text)) == document;
}
