using System.Globalization;
using CollapseLab.Parameters;

namespace CollapseLab.Workflows;

/// <summary>How the size of synthetic generation t grows: constant (n), linear (n + a·t) or geometric (round(n·r^t)).</summary>
public sealed record SizeSchedule(string Kind, double Rate)
{
    /// <summary>Every synthetic generation has n samples (the default).</summary>
    public static SizeSchedule Constant { get; } = new("constant", 0);

    /// <summary>What the <c>growth</c> modifier accepts.</summary>
    public const string Accepted = "constant, linear:A (n + A·t, A ≥ 0 samples) or geometric:R (n·R^t, R ≥ 1)";

    /// <summary>The size of generation <paramref name="generation"/> (0 is the real data: n).</summary>
    public int Size(int n, int generation)
    {
        double size = Planned(n, generation);
        return size >= int.MaxValue / 2 ? int.MaxValue / 2 : (int)Math.Round(size, MidpointRounding.AwayFromZero);
    }

    /// <summary>The size the schedule asks for, unbounded (n·R^t may exceed any array): what <see cref="Loop.RunMemory"/> checks.</summary>
    public double Planned(int n, int generation) => Kind switch
    {
        "linear" => n + Rate * generation,
        "geometric" => n * Math.Pow(Rate, generation),
        _ => n,
    };

    /// <summary>Parses <c>constant</c>, <c>linear:A</c> or <c>geometric:R</c>; null when not accepted.</summary>
    public static SizeSchedule? Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':');
        if (parts is ["constant"]) return Constant;
        if (parts.Length != 2 || !ParameterSpec.TryParseReal(parts[1], out double rate)) return null;
        return parts[0] switch
        {
            "linear" when rate >= 0 => new SizeSchedule("linear", rate),
            "geometric" when rate >= 1 => new SizeSchedule("geometric", rate),
            _ => null,
        };
    }

    /// <summary>Σ_{t=1}^{g} of <see cref="Planned"/>: the synthetic samples of generations 1..g, in closed form (so any g costs nothing).</summary>
    public double PlannedTotal(int n, int generations)
    {
        double g = generations;
        return Kind switch
        {
            "linear" => g * n + Rate * g * (g + 1) / 2,
            "geometric" when Rate > 1 => n * Rate * (Math.Pow(Rate, g) - 1) / (Rate - 1),
            _ => g * n,
        };
    }

    /// <summary>The canonical text (<c>constant</c>, <c>linear:A</c>, <c>geometric:R</c>), as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => Kind == "constant" ? Kind : $"{Kind}:{Rate.ToString("R", CultureInfo.InvariantCulture)}";
}
