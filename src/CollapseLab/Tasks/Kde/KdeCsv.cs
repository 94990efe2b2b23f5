using CollapseLab.Data;
using CollapseLab.Parameters;

namespace CollapseLab.Tasks.Kde;

/// <summary>Reads a user's real data for the KDE setting: a comma-separated file of numbers.</summary>
internal static class KdeCsv
{
    /// <summary>
    /// The rows of <paramref name="path"/>: comma-separated finite numbers (invariant culture), the same count on every
    /// line; the first line is a header when any of its fields is not a number; blank lines are skipped and fields may
    /// be surrounded by spaces or double quotes.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="parameter">The parameter that named the file, for error messages.</param>
    /// <exception cref="InvalidParameterException">The file cannot be read, a line is malformed, or there are no data rows.</exception>
    public static Rows Load(string path, string parameter)
    {
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidParameterException(parameter, $"invalid {InvalidParameterException.Name(parameter)} '{path}': cannot read the file ({e.Message})");
        }

        var values = new List<double>();
        int columns = 0, rows = 0, lineNumber = 0, firstLine = 0;
        try
        {
            foreach (string line in lines)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var fields = line.Split(',');
                if (firstLine == 0)
                {
                    firstLine = lineNumber;
                    columns = fields.Length;
                    if (!fields.All(f => ParameterSpec.TryParseReal(Unquote(f), out _))) continue; // a header
                }
                if (fields.Length != columns)
                    throw Error(path, parameter, lineNumber, $"has {fields.Length} field(s), expected {columns} like line {firstLine}");
                for (int j = 0; j < fields.Length; j++)
                {
                    string field = Unquote(fields[j]);
                    if (!ParameterSpec.TryParseReal(field, out double value))
                        throw Error(path, parameter, lineNumber, $"field {j + 1} '{field}' is not a finite number");
                    values.Add(value);
                }
                rows++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidParameterException(parameter, $"invalid {InvalidParameterException.Name(parameter)} '{path}': cannot read the file ({e.Message})");
        }
        if (rows == 0) throw new InvalidParameterException(parameter, $"invalid {InvalidParameterException.Name(parameter)} '{path}': no data rows (expected comma-separated numbers, header optional)");
        return new Rows(values.ToArray(), columns);
    }

    private static string Unquote(string field)
    {
        field = field.Trim();
        return field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Trim() : field;
    }

    private static InvalidParameterException Error(string path, string parameter, int line, string problem) =>
        new(parameter, $"invalid {InvalidParameterException.Name(parameter)} '{path}' line {line}: {problem}");
}
