using CollapseLab.Parameters;

namespace CollapseLab.Tasks.Discrete;

/// <summary>The parameters of <see cref="DiscreteSetting"/>; every field has its default.</summary>
public sealed record DiscreteParameters
{
    /// <summary>K, the number of outcomes of the true uniform distribution.</summary>
    public int Outcomes { get; init; } = 10;

    /// <summary>Whether a run ends once one outcome holds all the mass.</summary>
    public bool StopAtFixation { get; init; }

    /// <summary>The parameters as users write them (names, meanings, accepted values).</summary>
    public static ParameterDeclaration<DiscreteParameters> Declaration { get; } = new ParameterDeclaration<DiscreteParameters>("task discrete")
        .Add("outcomes", "number K of outcomes of the true uniform distribution", ParameterKind.Int(min: 2), p => p.Outcomes, (p, v) => p with { Outcomes = v })
        // A switch that is off changes nothing about the runs shown, so titles name it only when it is on.
        .Add(DiscreteSetting.StopAtFixationKey, "end a run at the first iteration whose fitted distribution has a single outcome", ParameterKind.Flag,
            p => p.StopAtFixation, (p, v) => p with { StopAtFixation = v }, appliesWhen: new(DiscreteSetting.StopAtFixationKey, ["true"]));
}
