using CollapseLab.Data;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Random;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Workflows;

namespace CollapseLab.Reports.Figures;

/// <summary>
/// The fitted 1-D Gaussians N(μ_t, σ_t²) of one run, t = 1..T. Stored metrics cannot give them (mean_sq_error is
/// μ_t² and loses the sign), so the run is simulated afresh: the ordinary generation loop runs the Gaussian setting
/// through a wrapper that records each fitted model, so the picture shows exactly what a stored run of the same
/// (n, T, seed) computed.
/// </summary>
internal static class FittedGaussians
{
    /// <summary>(μ_t, σ_t²) for t = 1..<paramref name="iterations"/> of the d = 1 run with these parameters.</summary>
    public static IReadOnlyList<(double Mean, double Variance)> Trace(double sigma2, IWorkflow workflow, int samples, int iterations, ulong seed)
    {
        var setting = new RecordingSetting(new GaussianSetting(new() { Dim = 1, Sigma2 = sigma2 }));
        var result = setting.Run(RunSpec.Create(setting, workflow, samples, iterations, seed));
        if (!result.Succeeded) throw new InvalidOperationException($"the fitted-density simulation failed: {result.Error}");
        return setting.Fits;
    }

    private sealed class RecordingSetting(GaussianSetting inner) : TaskSetting<Rows>
    {
        public List<(double Mean, double Variance)> Fits { get; } = [];

        public override string Name => inner.Name;
        public override ParameterValues Parameters => inner.Parameters;

        public override ITaskRun<Rows> Start(int samples, ulong seed) => new RecordingRun(inner.Start(samples, seed), Fits);
    }

    private sealed class RecordingRun(ITaskRun<Rows> inner, List<(double Mean, double Variance)> fits) : ITaskRun<Rows>
    {
        public Rows Real => inner.Real;

        public IModel<Rows> Fit(TrainingSet<Rows> train, Rng rng)
        {
            var model = (GaussianModel)inner.Fit(train, rng);
            fits.Add((model.Mean[0], model.Covariance[0]));
            return model;
        }
    }
}
