using System.Globalization;
using CollapseLab.Parameters;

namespace CollapseLab.Running;

/// <summary>Parses seed lists such as <c>0-99</c> or <c>3,5,8-10</c>.</summary>
public static class SeedList
{
    /// <summary>
    /// How many seeds <paramref name="text"/> lists, without listing them (a malformed item counts 1: <see cref="Parse"/> reports it).
    /// </summary>
    public static double Count(string text)
    {
        double count = 0;
        foreach (var item in text.Split(','))
        {
            var bounds = item.Trim().Split('-');
            count += bounds.Length == 2
                && ulong.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong first)
                && ulong.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong last) && last >= first
                ? (double)(last - first) + 1 : 1;
        }
        return count;
    }

    /// <summary>The seeds of <paramref name="text"/>, in the order written.</summary>
    /// <exception cref="InvalidParameterException">Malformed items, reversed ranges or repeated seeds.</exception>
    public static IReadOnlyList<ulong> Parse(string text)
    {
        const string accepted = "comma-separated non-negative integers and ranges, e.g. 0-99 or 3,5,8-10";
        var seeds = new List<ulong>();
        var seen = new HashSet<ulong>();
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            var bounds = item.Split('-');
            if (bounds.Length is < 1 or > 2 || !bounds.All(b => ulong.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new InvalidParameterException("seeds", $"invalid {InvalidParameterException.Name("seeds")} '{text}': '{item}' is not a seed or range; expected {accepted}");
            ulong first = ulong.Parse(bounds[0], CultureInfo.InvariantCulture), last = ulong.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (last < first)
                throw new InvalidParameterException("seeds", $"invalid {InvalidParameterException.Name("seeds")} '{text}': range '{item}' runs backwards; expected {accepted}");
            if (last - first >= 10_000_000)
                throw new InvalidParameterException("seeds", $"invalid {InvalidParameterException.Name("seeds")} '{text}': range '{item}' has more than 10,000,000 seeds");
            for (ulong s = first; ; s++)
            {
                if (!seen.Add(s)) throw new InvalidParameterException("seeds", $"invalid {InvalidParameterException.Name("seeds")} '{text}': seed {s} appears twice");
                seeds.Add(s);
                if (s == last) break;
            }
        }
        return seeds;
    }
}
