using System.Text;

namespace CollapseLab.Lm;

/// <summary>One prompt/response document, written <c>user: {prompt}\nassistant: {response}</c> for the model.</summary>
/// <param name="Prompt">What the user asked (for fortunes: the topic).</param>
/// <param name="Response">What the assistant answered.</param>
public sealed record Document(string Prompt, string Response)
{
    /// <summary>What a document's text starts with, before the prompt.</summary>
    public const string UserPrefix = "user: ";
    /// <summary>What separates the prompt from the response.</summary>
    public const string AssistantSeparator = "\nassistant: ";

    /// <summary>The text the model reads and writes (without the end-of-text token).</summary>
    public string Text => UserPrefix + Prompt + AssistantSeparator + Response;

    /// <summary>Number of byte-level tokens the model spends on this document: its UTF-8 bytes plus the end-of-text token.</summary>
    public int TokenCount => Encoding.UTF8.GetByteCount(Text) + 1;
}
