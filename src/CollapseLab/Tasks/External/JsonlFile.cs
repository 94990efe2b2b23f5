using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CollapseLab.Tasks.External;

/// <summary>Reading and checking JSONL files: one JSON value per line; lines of only white space are not samples.</summary>
public static class JsonlFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The sample lines of <paramref name="path"/>, each checked to be one JSON value.</summary>
    /// <exception cref="InvalidDataException">A line that is not one JSON value (the message gives its number).</exception>
    /// <exception cref="IOException">The file cannot be read (also UnauthorizedAccessException).</exception>
    public static List<string> Read(string path)
    {
        var lines = new List<string>();
        using var reader = new StreamReader(path, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (!IsJsonValue(line)) throw new InvalidDataException($"line {number} of '{path}' is not one JSON value: {Excerpt(line)}");
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>Whether <paramref name="line"/> is exactly one JSON value (white space around it allowed).</summary>
    public static bool IsJsonValue(string line)
    {
        int length = Utf8.GetMaxByteCount(line.Length);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Utf8.GetBytes(line, buffer)));
            if (!reader.Read()) return false;
            reader.Skip();
            return !reader.Read(); // a second value on the line is an error too (JsonException)
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A writer of <paramref name="stream"/>: UTF-8 without a byte-order mark, lines ending in <c>\n</c>.</summary>
    public static StreamWriter CreateWriter(Stream stream) => new(stream, Utf8, 1 << 16) { NewLine = "\n" };

    /// <summary>The start of a long line, for error messages.</summary>
    public static string Excerpt(string line) => line.Length <= 80 ? line : line[..77] + "...";
}
