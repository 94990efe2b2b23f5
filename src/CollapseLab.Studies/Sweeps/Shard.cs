using System.Globalization;
using CollapseLab.Parameters;

namespace CollapseLab.Sweeps;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/> (1-based, written <c>i/N</c>, as Slurm array task ids 1..N).</summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole sweep as one shard.</summary>
    public static Shard All => new(1, 1);

    /// <summary>Parses <c>i/N</c> with 1 ≤ i ≤ N.</summary>
    /// <exception cref="InvalidParameterException">Malformed text or i outside 1..N.</exception>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && index >= 1 && index <= count)
            return new Shard(index, count);
        throw new InvalidParameterException("shard", $"invalid {InvalidParameterException.Name("shard")} '{text}': expected i/N with 1 ≤ i ≤ N, e.g. 3/16");
    }

    /// <summary><c>i/N</c>, as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => $"{Index}/{Count}";
}
