using System.Text;

namespace CollapseLab.Lm;

/// <summary>One prompt/response document, written <c>user: {prompt}\nassistant: {response}</c> for the model.</summary>
/// <param name="Prompt">What the user asked (for fortunes: the topic).</param>
/// <param name="Response">What the assistant answered.</param>
public sealed record Document(string Prompt, string Response)
{
    public const string UserPrefix = "user: ";
    public const string AssistantSeparator = "\nassistant: ";

    /// <summary>The text the model reads and writes (without the end-of-text token).</summary>
    public string Text => UserPrefix + Prompt + AssistantSeparator + Response;

    /// <summary>Number of tokens the model spends on this document: its UTF-8 bytes plus the end-of-text token.</summary>
    public int TokenCount => Encoding.UTF8.GetByteCount(Text) + 1;
}
