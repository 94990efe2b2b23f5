using CollapseLab.Parameters;

namespace CollapseLab.Tasks.LinReg;

/// <summary>The parameters of <see cref="LinRegSetting"/>; every field has its default.</summary>
public sealed record LinRegParameters
{
    /// <summary>d, the number of features (columns of the design).</summary>
    public int Dim { get; init; } = 10;

    /// <summary>σ², the variance of the label noise.</summary>
    public double Sigma2 { get; init; } = 1.0;

    /// <summary>The parameters as users write them (names, meanings, accepted values).</summary>
    public static ParameterDeclaration<LinRegParameters> Declaration { get; } = new ParameterDeclaration<LinRegParameters>("task linreg")
        .Add("dim", "number d of features (columns of the design)", ParameterKind.Int(min: 1), p => p.Dim, (p, v) => p with { Dim = v })
        .Add("sigma2", "variance σ² of the label noise", ParameterKind.Real(above: 0, inclusive: true), p => p.Sigma2, (p, v) => p with { Sigma2 = v });
}
