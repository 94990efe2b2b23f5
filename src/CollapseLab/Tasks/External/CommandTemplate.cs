using System.Text;
using CollapseLab.Parameters;

namespace CollapseLab.Tasks.External;

/// <summary>
/// A user's command line split into arguments with shell-like quoting, its placeholders found once, so that running
/// it substitutes values without any shell: a value (a file name, a parameter) always stays inside the argument it
/// was written in, whatever characters it holds.
/// </summary>
/// <remarks>
/// Splitting: white space separates arguments; <c>'…'</c> keeps everything literally; <c>"…"</c> keeps everything
/// but lets <c>\"</c> and <c>\\</c> stand for <c>"</c> and <c>\</c>; outside quotes <c>\</c> keeps the next
/// character. Placeholders: <c>{name}</c> with a name of letters, digits, <c>_</c> and <c>-</c> starting with a
/// letter, anywhere in an argument (quoted or not); <c>{{</c> and <c>}}</c> stand for literal braces; any other
/// brace is literal text.
/// </remarks>
public sealed class CommandTemplate
{
    /// <summary>Each argument as literal text and placeholder names, in order.</summary>
    private readonly IReadOnlyList<IReadOnlyList<Piece>> _arguments;

    /// <summary>The command as the user wrote it.</summary>
    public string Text { get; }

    /// <summary>Every placeholder name used, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    private CommandTemplate(string text, IReadOnlyList<IReadOnlyList<Piece>> arguments)
    {
        Text = text;
        _arguments = arguments;
        Placeholders = arguments.SelectMany(a => a).Where(p => p.Placeholder).Select(p => p.Text).Distinct().ToArray();
    }

    /// <summary>
    /// Parses the command given as <c>--<paramref name="parameter"/></c> and checks that every placeholder is one of
    /// <paramref name="available"/>.
    /// </summary>
    /// <exception cref="InvalidParameterException">Empty command, an unterminated quote, or an unknown placeholder.</exception>
    public static CommandTemplate Parse(string parameter, string text, IReadOnlyCollection<string> available)
    {
        var arguments = Split(parameter, text).Select(a => Pieces(a.Text, a.Quoted)).ToArray();
        if (arguments.Length == 0)
            throw new InvalidParameterException(parameter, $"invalid {InvalidParameterException.Name(parameter)}: the command is empty");
        var template = new CommandTemplate(text, arguments);
        var unknown = template.Placeholders.FirstOrDefault(p => !available.Contains(p));
        if (unknown is not null)
            throw new InvalidParameterException(parameter,
                $"invalid {InvalidParameterException.Name(parameter)} '{text}': unknown placeholder {{{unknown}}}; {InvalidParameterException.Name(parameter)} accepts {string.Join(", ", available.Select(a => "{" + a + "}"))} (write {{{{ and }}}} for literal braces)");
        return template;
    }

    /// <summary>The arguments with every placeholder replaced by its value (each value inside its own argument).</summary>
    public string[] Arguments(IReadOnlyDictionary<string, string> values) =>
        _arguments.Select(pieces => string.Concat(pieces.Select(p => p.Placeholder ? values[p.Text] : p.Text))).ToArray();

    /// <summary>
    /// The program (first argument) with <paramref name="values"/> substituted, or null when it uses a placeholder
    /// that <paramref name="values"/> does not hold (one known only when the step runs).
    /// </summary>
    public string? Program(IReadOnlyDictionary<string, string> values) =>
        _arguments[0].All(p => !p.Placeholder || values.ContainsKey(p.Text))
            ? string.Concat(_arguments[0].Select(p => p.Placeholder ? values[p.Text] : p.Text))
            : null;

    /// <summary>An argument list written back as one line a POSIX shell would split the same way (for logs and errors).</summary>
    public static string Display(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=' or '+' or ',' or '@')
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>Splits <paramref name="text"/> into arguments; for each, its text and which characters were quoted.</summary>
    private static List<(string Text, bool[] Quoted)> Split(string parameter, string text)
    {
        var arguments = new List<(string, bool[])>();
        var current = new StringBuilder();
        var quoted = new List<bool>();
        bool inWord = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord) arguments.Add((current.ToString(), quoted.ToArray()));
                current.Clear();
                quoted.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\'')
            {
                int end = text.IndexOf('\'', i + 1);
                if (end < 0) throw Unterminated(parameter, text, "'");
                Append(text[(i + 1)..end], literal: false);
                i = end;
            }
            else if (c == '"')
            {
                int j = i + 1;
                for (; j < text.Length && text[j] != '"'; j++)
                {
                    if (text[j] == '\\' && j + 1 < text.Length && text[j + 1] is '"' or '\\') j++;
                    Append(text[j].ToString(), literal: false);
                }
                if (j >= text.Length) throw Unterminated(parameter, text, "\"");
                i = j;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                Append(text[++i].ToString(), literal: true);
            }
            else
            {
                Append(c.ToString(), literal: false);
            }
        }
        if (inWord) arguments.Add((current.ToString(), quoted.ToArray()));
        return arguments;

        // A backslash-escaped character (\{) never starts a placeholder or an escaped brace.
        void Append(string part, bool literal)
        {
            current.Append(part);
            for (int k = 0; k < part.Length; k++) quoted.Add(literal);
        }
    }

    /// <summary>The literal text and placeholders of one argument.</summary>
    private static List<Piece> Pieces(string argument, bool[] literal)
    {
        var pieces = new List<Piece>();
        var text = new StringBuilder();
        for (int i = 0; i < argument.Length; i++)
        {
            char c = argument[i];
            if (!literal[i] && c is '{' or '}' && i + 1 < argument.Length && argument[i + 1] == c && !literal[i + 1])
            {
                text.Append(c);
                i++;
                continue;
            }
            if (!literal[i] && c == '{')
            {
                int end = argument.IndexOf('}', i + 1);
                string name = end < 0 ? "" : argument[(i + 1)..end];
                if (ParameterSpec.IsMemberName(name) && Enumerable.Range(i, end - i + 1).All(k => !literal[k]))
                {
                    if (text.Length > 0) pieces.Add(new Piece(text.ToString(), false));
                    text.Clear();
                    pieces.Add(new Piece(name, true));
                    i = end;
                    continue;
                }
            }
            text.Append(c);
        }
        if (text.Length > 0 || pieces.Count == 0) pieces.Add(new Piece(text.ToString(), false));
        return pieces;
    }

    private static InvalidParameterException Unterminated(string parameter, string text, string quote) =>
        new(parameter, $"invalid {InvalidParameterException.Name(parameter)} '{text}': unterminated {quote} quote");

    private readonly record struct Piece(string Text, bool Placeholder);
}
