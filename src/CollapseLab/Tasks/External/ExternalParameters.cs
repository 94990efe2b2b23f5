using CollapseLab.Parameters;

namespace CollapseLab.Tasks.External;

/// <summary>
/// The parameters of <see cref="ExternalSetting"/>; every field has its default (the data files and the fit, sample
/// and score commands have none: the setting needs them).
/// </summary>
public sealed record ExternalParameters
{
    /// <summary>JSONL file of real data, one sample per line.</summary>
    public string? Real { get; init; }

    /// <summary>JSONL file of held-out real data, passed to the score program as {test}.</summary>
    public string? Test { get; init; }

    /// <summary>Command that fits a model to {train} and writes it into the directory {model}.</summary>
    public string? Fit { get; init; }

    /// <summary>Command that writes exactly {n} JSONL lines to {out} from the model in {model}.</summary>
    public string? Sample { get; init; }

    /// <summary>Command whose last line of standard output is a JSON object of metric name → number.</summary>
    public string? Score { get; init; }

    /// <summary>Command that prints the log-likelihood of each line of {out} under {model}, or null.</summary>
    public string? LogLikelihood { get; init; }

    /// <summary>The metric reports lead with, or null for the score program's first key.</summary>
    public string? Loss { get; init; }

    /// <summary>Directory for every run's files.</summary>
    public string Workdir { get; init; } = "external-runs";

    /// <summary>Seconds a step may run before it is killed, or null for no limit.</summary>
    public double? StepTimeout { get; init; }

    /// <summary>The user's parameters: placeholder name → value.</summary>
    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    private static ParameterKind<string> Command { get; } = ParameterKind.Text("a command line");

    /// <summary>The parameters as users write them (names, meanings, accepted values).</summary>
    public static ParameterDeclaration<ExternalParameters> Declaration { get; } = new ParameterDeclaration<ExternalParameters>("task " + ExternalSetting.TaskName)
        .Add("real", "JSONL file of real data, one sample per line; generation 0 is n lines of it, --fresh-real draws unused ones",
            ParameterKind.Text("a JSONL file"), p => p.Real, (p, v) => p with { Real = v })
        .Add("test", "JSONL file of held-out real data, passed to the score program as {test}", ParameterKind.Text("a JSONL file"),
            p => p.Test, (p, v) => p with { Test = v })
        .Add("fit", "command that fits a model to {train} and writes it into the directory {model}", Command, p => p.Fit, (p, v) => p with { Fit = v })
        .Add("sample", "command that writes exactly {n} JSONL lines to {out} from the model in {model}", Command, p => p.Sample, (p, v) => p with { Sample = v })
        .Add("score", "command whose last line of standard output is a JSON object of metric name → number, measured on {test}", Command,
            p => p.Score, (p, v) => p with { Score = v })
        .Add("loglik", "command that prints one number per line of {out}: its log-likelihood under {model} (enables --curate model-top:Q)", Command,
            p => p.LogLikelihood, (p, v) => p with { LogLikelihood = v })
        .Add("loss", "the metric the verdict and the report lead with (default: the score program's first key)", ParameterKind.Text("a metric name"),
            p => p.Loss, (p, v) => p with { Loss = v })
        .Add("workdir", "directory for every run's files: <workdir>/<run id>/<iteration>/ (a rerun reuses finished steps)", ParameterKind.Text("a directory"),
            p => p.Workdir, (p, v) => p with { Workdir = v })
        .Add("step-timeout", "seconds a step may run before it is killed and the run fails (default: no limit)", ParameterKind.Real(above: 0).Optional(),
            p => p.StepTimeout, (p, v) => p with { StepTimeout = v })
        .AddFamily(ExternalSetting.ParamFamily, "a value for the placeholder {NAME} in every command, and a run parameter (a sweep axis as param.NAME)", "NAME=VALUE",
            p => p.Params, (p, v) => p with { Params = v });
}
