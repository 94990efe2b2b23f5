using System.Text;
using CollapseLab.Lm.Model;
using CollapseLab.Lm.Sampling;

namespace CollapseLab.Lm.Tests;

public class DocumentFormatTests
{
    [Fact]
    public void WellFormedTextReadsBackAsItsDocument()
    {
        var document = DocumentFormat.Parse(Encoding.UTF8.GetBytes("user: tea?\nwith milk\nassistant: yes,\nplease. é"));
        Assert.Equal(new Document("tea?\nwith milk", "yes,\nplease. é"), document);
    }

    [Theory]
    [InlineData("assistant: hi")]                                   // no user prefix
    [InlineData(" user: a\nassistant: b")]                          // prefix not at the start
    [InlineData("user: a")]                                         // no assistant part
    [InlineData("user: a\nassistant: b\nassistant: c")]             // two assistant parts
    [InlineData("user: a\nassistant: b\nuser: c")]                  // a second user turn
    [InlineData("user: \nassistant: b")]                            // empty prompt
    [InlineData("user:  \t\nassistant: b")]                         // blank prompt
    [InlineData("user: a\nassistant: ")]                            // empty response
    [InlineData("user: a\nassistant:b")]                            // separator without its space
    public void MalformedTextIsRejected(string text) => Assert.Null(DocumentFormat.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void InvalidUtf8IsRejected()
    {
        var bytes = Encoding.UTF8.GetBytes("user: a\nassistant: b").Append((byte)0xC3).ToArray(); // a cut two-byte sequence
        Assert.Null(DocumentFormat.Parse(bytes));
    }

    [Fact]
    public void ASequenceMustEndWithEndOfText()
    {
        var tokens = ByteTokenizer.Instance.Encode("user: a\nassistant: b");
        Assert.NotNull(DocumentSampler.Decode(tokens, ByteTokenizer.Instance));
        Assert.Null(DocumentSampler.Decode(tokens[..^1], ByteTokenizer.Instance)); // filled the context without ending
        Assert.Null(DocumentSampler.Decode([], ByteTokenizer.Instance));
    }

    [Fact]
    public void RealDocumentsThatBreakTheFormatAreNotWellFormed()
    {
        Assert.True(DocumentFormat.IsWellFormed(new Document("topic", "a fortune")));
        Assert.False(DocumentFormat.IsWellFormed(new Document("topic", "quoting\nassistant: itself")));
        Assert.False(DocumentFormat.IsWellFormed(new Document(" ", "blank prompt")));
    }

    [Fact]
    public void TokenCountIsBytesPlusEndOfText() =>
        Assert.Equal(Encoding.UTF8.GetByteCount("user: é\nassistant: x") + 1, new Document("é", "x").TokenCount);
}
