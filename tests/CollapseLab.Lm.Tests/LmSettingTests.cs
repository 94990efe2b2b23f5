using CollapseLab.Lm.Corpora;
using CollapseLab.Lm.Model;
using CollapseLab.Lm.Training;
using CollapseLab.Random;
using CollapseLab.Lm.Tests.Support;
using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Workflows;

namespace CollapseLab.Lm.Tests;

public class LmSettingTests(LmFixture fixture) : IClassFixture<LmFixture>
{
    private static readonly string[] ProfileMetrics =
    [
        MetricNames.EvalLoss, MetricNames.EvalBitsPerByte, MetricNames.FineTuneSteps, MetricNames.MalformedFraction, MetricNames.MeanLength, MetricNames.Distinct2, MetricNames.PromptEntropy,
        MetricNames.TailLogLikelihoodP5, MetricNames.TailLogLikelihoodP50, MetricNames.TailLogLikelihoodP95,
        .. new[] { 10, 15, 20, 25, 30, 35, 40, 45, 55, 60, 65, 70, 75, 80, 85, 90 }.Select(p => $"tail_loglik_p{p}"),
    ];

    private static RunResult Run(LmSetting setting, string workflow, ulong seed = 3, int samples = 24, int iterations = 2) =>
        ((ITaskSetting)setting).Run(RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create(workflow), samples, iterations, seed));

    [Fact]
    public void ARunIsIdentifiedByTheContentOfItsSftDataAndPretrainingCorpus()
    {
        var spec = RunSpec.Create(fixture.Setting(), WorkflowCatalog.BuiltIn.Create("replace"), 12, 2, 5);
        Assert.Equal(["pretrain-corpus-sha256", "sft-data-sha256"], spec.Inputs.Select(p => p.Key));
        Assert.Equal(ContentDigest.Of(fixture.PretrainDirectory, ParameterInput.Directory), spec.Inputs[0].Value);
        Assert.Equal(ContentDigest.Of(fixture.SftFile, ParameterInput.File), spec.Inputs[1].Value);
        Assert.Contains("sft-data-sha256=" + spec.Inputs[1].Value, spec.Key);
    }

    [Theory]
    [InlineData("replace")]
    [InlineData("accumulate")]
    [InlineData("accumulate-subsample")]
    public void EveryWorkflowRunsTwoIterations(string workflow)
    {
        var result = Run(fixture.Setting(), workflow);
        Assert.True(result.Succeeded, result.Error);
        foreach (int t in new[] { 1, 2 })
            Assert.Equal(ProfileMetrics, result.Metrics.Where(m => m.Iteration == t).Select(m => m.Metric));
        Assert.All(result.Metrics, m => Assert.True(double.IsFinite(m.Value), $"{m.Metric} at {m.Iteration} is {m.Value}"));
        var evalLoss = result.Metrics.First(m => m.Metric == MetricNames.EvalLoss).Value;
        Assert.InRange(evalLoss, 0.0, 2.0); // the base already knows this corpus's format; ln 257 ≈ 5.5 would mean nothing was learned
    }

    [Fact]
    public void ModelTopCurationKeepsTheDocumentsTheModelFindsMostLikely()
    {
        var setting = fixture.Setting();
        var spec = RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create("replace", new Dictionary<string, string> { ["curate"] = "model-top:0.5" }), 12, 2, 5);
        var result = ((ITaskSetting)setting).Run(spec);
        Assert.True(result.Succeeded, result.Error);
        // Both generations are curated: the second, at the last iteration, for its profile only.
        Assert.Equal([24.0, 24.0], result.Metrics.Where(m => m.Metric == MetricNames.SamplesGenerated).Select(m => m.Value));
        Assert.Equal([12.0, 12.0], result.Metrics.Where(m => m.Metric == MetricNames.SamplesKept).Select(m => m.Value));
        // A verifier by truth does not exist for text: the setting refuses it before running.
        Assert.Throws<InvalidParameterException>(() => RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create("replace", new Dictionary<string, string> { ["curate"] = "truth-top:0.5" }), 12, 2, 5));
    }

    [Fact]
    public void FreshRealDataAreUnusedRealDocumentsUntilTheyRunOut()
    {
        var setting = fixture.Setting();
        var fresh = WorkflowCatalog.BuiltIn.Create("fresh", new Dictionary<string, string> { ["fresh-real"] = "4" });
        var result = ((ITaskSetting)setting).Run(RunSpec.Create(setting, fresh, 12, 2, 5));
        Assert.True(result.Succeeded, result.Error);
        var tooMany = WorkflowCatalog.BuiltIn.Create("fresh", new Dictionary<string, string> { ["fresh-real"] = "1000000" });
        var exhausted = ((ITaskSetting)setting).Run(RunSpec.Create(setting, tooMany, 12, 2, 5));
        Assert.False(exhausted.Succeeded);
        Assert.Contains("fresh real data exhausted", exhausted.Error);
    }

    [Fact]
    public void AllWorkflowsCoincideAtTheFirstIteration()
    {
        var setting = fixture.Setting();
        var first = new[] { "replace", "accumulate", "accumulate-subsample" }
            .Select(w => Run(setting, w, iterations: 1).Metrics.Select(m => m.Value).ToArray()).ToArray();
        Assert.Equal(first[0], first[1]);
        Assert.Equal(first[0], first[2]);
    }

    /// <summary>Bits per byte written out: the held-out documents' summed −log p (one at a time), over their UTF-8 bytes, over ln 2.</summary>
    [Fact]
    public void BitsPerByteIsTheHeldOutNatsOverTheBytesOverLn2()
    {
        var setting = fixture.Setting();
        const ulong seed = 4;
        var result = Run(setting, "replace", seed, samples: 12, iterations: 1);
        Assert.True(result.Succeeded, result.Error);

        var run = (LmRun)setting.Start(12, seed);
        var pool = new Pool<Documents>();
        pool.Add(run.Real, Origin.Real, 0);
        var workflow = WorkflowCatalog.BuiltIn.Create("replace");
        var model = (LmModel)run.Fit(new TrainingSet<Documents>(pool, workflow.Select(pool.Entries, 1, 12, Rng.For(seed, RngStream.Select, 1))), Rng.For(seed, RngStream.Fit, 1));
        var validation = setting.Data.Validation.Items;
        double nats = -Evaluation.LogLikelihoods(model.Network, validation.Select(d => ByteTokenizer.Instance.Encode(d.Text)).ToArray()).Sum();
        long bytes = validation.Sum(d => (long)System.Text.Encoding.UTF8.GetByteCount(d.Text));

        Assert.Equal(nats / bytes / Math.Log(2), result.Metrics.Single(m => m.Metric == MetricNames.EvalBitsPerByte).Value, 4); // batched with padding vs one at a time: float rounding only
        Assert.Equal(2.5 * 10 / 4 / Math.Log(2), Evaluation.BitsPerByte(2.5, tokens: 10, bytes: 4), 12);
    }

    [Fact]
    public void ResultsAreBitIdenticalForTheSameSeedAndThreadCount()
    {
        var setting = fixture.Setting(("torch-threads", 2));
        double[] Values(ulong seed) => Run(setting, "accumulate-subsample", seed).Metrics.Select(m => m.Value).ToArray();
        var once = Values(5);
        Assert.Equal(once, Values(5));
        Assert.NotEqual(once, Values(6));
    }

    /// <summary>
    /// The tail of generation 2 is its documents' log-likelihood quantiles under the iteration-1 model, rebuilt here the
    /// way the loop builds it (the real pool, the fit stream of t = 1), not under the model that wrote them.
    /// </summary>
    [Fact]
    public void TheTailIsMeasuredUnderTheIterationOneModel()
    {
        string directory = Path.Combine(fixture.Root, "tail-generations");
        var setting = fixture.Setting(("generations-dir", directory));
        const ulong seed = 7;
        const int samples = 12;
        var workflow = WorkflowCatalog.BuiltIn.Create("replace");
        var result = ((ITaskSetting)setting).Run(RunSpec.Create(setting, workflow, samples, 2, seed));
        Assert.True(result.Succeeded, result.Error);
        var generations = SftJsonl.Read(Assert.Single(Directory.GetFiles(directory)));

        var run = (LmRun)setting.Start(samples, seed);
        var pool = new Pool<Documents>();
        pool.Add(run.Real, Origin.Real, 0);
        var selection = workflow.Select(pool.Entries, 1, samples, Rng.For(seed, RngStream.Select, 1));
        var first = (LmModel)run.Fit(new TrainingSet<Documents>(pool, selection), Rng.For(seed, RngStream.Fit, 1));
        foreach (var (t, documents) in new[] { (1, generations.Take(samples)), (2, generations.Skip(samples)) })
        {
            var scores = Evaluation.LogLikelihoods(first.Network, documents.Select(d => ByteTokenizer.Instance.Encode(d.Text)).ToArray()).Order().ToArray();
            // Type-7 quantiles written out: n = 12, so p5 sits at h = 0.55, p50 at 5.5, p95 at 10.45.
            double Between(int low, double fraction) => scores[low] + fraction * (scores[low + 1] - scores[low]);
            double Metric(string name) => result.Metrics.Single(m => m.Iteration == t && m.Metric == name).Value;
            Assert.Equal(Between(0, 0.55), Metric(MetricNames.TailLogLikelihoodP5), 9);
            Assert.Equal(Between(5, 0.5), Metric(MetricNames.TailLogLikelihoodP50), 9);
            Assert.Equal(Between(10, 0.45), Metric(MetricNames.TailLogLikelihoodP95), 9);
            // The rest of the 5% grid for the tail-density figure: the p-quantile at h = 11p, e.g. p10 at 1.1, p90 at 9.9.
            for (int percent = 10; percent <= 90; percent += 5)
            {
                int low = 11 * percent / 100;
                Assert.Equal(Between(low, (11 * percent - 100 * low) / 100.0), Metric($"tail_loglik_p{percent}"), 9);
            }
        }
    }

    /// <summary>
    /// Sampling is only sampling: scoring a model writes no generation, and a sample is a function of the stream it is
    /// given (the loop's sample stream), not of one drawn at fit time.
    /// </summary>
    [Fact]
    public void ASampleIsDrawnFromTheStreamItIsGiven()
    {
        var setting = fixture.Setting();
        var run = (LmRun)setting.Start(12, 5);
        var pool = new Pool<Documents>();
        pool.Add(run.Real, Origin.Real, 0);
        var model = run.Fit(new TrainingSet<Documents>(pool, Selection.Whole([0])), Rng.For(5, RngStream.Fit, 1));
        model.Score(new MetricSink());
        string[] Texts(long stream) => model.Sample(12, Rng.For(5, RngStream.Sample, stream)).Items.Select(d => d.Text).ToArray();
        Assert.Equal(Texts(1), Texts(1));
        Assert.NotEqual(Texts(1), Texts(2));
    }

    [Fact]
    public void GenerationsAreWrittenAsJsonlPerRun()
    {
        string directory = Path.Combine(fixture.Root, "generations");
        var setting = fixture.Setting(("generations-dir", directory));
        var spec = RunSpec.Create(setting, WorkflowCatalog.BuiltIn.Create("replace"), 12, 2, 4);
        Assert.True(((ITaskSetting)setting).Run(spec).Succeeded);
        string file = Assert.Single(Directory.GetFiles(directory));
        Assert.Equal($"lm-replace-seed4-{spec.Id}.jsonl", Path.GetFileName(file));
        var lines = File.ReadAllLines(file);
        Assert.Equal(24, lines.Length); // n documents at each of the two iterations
        Assert.Equal(12, lines.Count(l => l.StartsWith("{\"iteration\":1,", StringComparison.Ordinal)));
        Assert.All(SftJsonl.Read(file), d => Assert.True(DocumentFormat.IsWellFormed(d)));
    }

    [Fact]
    public void AModelThatWritesNoWellFormedDocumentFailsItsRunWithThatReason()
    {
        // One pretraining step and no fine-tuning to speak of: the model writes noise.
        var setting = fixture.Setting(("pretrain-steps", 1), ("lr", 1e-9), ("sample-attempts", 2));
        var result = Run(setting, "replace", samples: 8);
        Assert.False(result.Succeeded);
        Assert.Contains("well-formed", result.Error);
        Assert.Contains("16 attempts", result.Error);
        Assert.Equal([MetricNames.EvalLoss, MetricNames.EvalBitsPerByte, MetricNames.FineTuneSteps], result.Metrics.Select(m => m.Metric)); // what was measured before the failure is kept
    }

    [Fact]
    public void MoreSamplesThanRealDocumentsFailTheRun()
    {
        var result = Run(fixture.Setting(), "replace", samples: 1000, iterations: 1);
        Assert.False(result.Succeeded);
        Assert.Contains("invalid samples 1000", result.Error);
    }

    [Theory]
    [InlineData("width", "30", "heads", "4", "width")]
    [InlineData("context", "8", "preset", "tiny", "context")]
    public void ImpossibleModelsAreInvalidParameters(string name, string value, string otherName, string otherValue, string named)
    {
        var e = Assert.Throws<InvalidParameterException>(() =>
            LmSetting.Create(new Dictionary<string, string> { [name] = value, [otherName] = otherValue }, fixture.Cache));
        Assert.Equal(named, e.Parameter);
    }

    [Fact]
    public void MissingCorporaNameTheFetchCommand()
    {
        var empty = new CorpusCache(Path.Combine(fixture.Root, "empty-cache"));
        var e = Assert.Throws<InvalidParameterException>(LmSetting.Create(new Dictionary<string, string>(), empty).Validate);
        Assert.Contains("collapse data fetch", e.Message);
        e = Assert.Throws<InvalidParameterException>(LmSetting.Create(fixture.Parameters(("pretrain-corpus", Path.Combine(fixture.Root, "absent"))), empty).Validate);
        Assert.Equal("pretrain-corpus", e.Parameter);
        e = Assert.Throws<InvalidParameterException>(LmSetting.Create(fixture.Parameters(("sft-data", Path.Combine(fixture.Root, "absent.jsonl"))), empty).Validate);
        Assert.Equal("sft-data", e.Parameter);
        var questions = new Dictionary<string, string> { ["sft-corpus"] = "questions", ["pretrain-corpus"] = fixture.PretrainDirectory };
        e = Assert.Throws<InvalidParameterException>(LmSetting.Create(questions, empty).Validate);
        Assert.Equal("sft-corpus", e.Parameter);
        Assert.Contains("the wordnet corpus is not in the cache", e.Message);
        Assert.Contains("collapse data fetch", e.Message);
        e = Assert.Throws<InvalidParameterException>(() => LmSetting.Create(new Dictionary<string, string> { ["sft-corpus"] = "encyclopedia" }, empty));
        Assert.Contains("one of fortunes, wordnet, devil, riddles, questions", e.Message);
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "sft-data", "{\"prompt\": \"cat\", \"response\": \"meow\"}\n{\"prompt\": \"dog\"", "bad.jsonl:2" },
        { "sft-data", "{\"prompt\": \"cat\", \"response\": \"meow\"}\n[1, 2]", "bad.jsonl:2" },
        { "pretrain-corpus", "", "no non-empty text files" },
        { "eval-docs", "80", "invalid eval-docs 80" },
        { "generations-dir", "a file", "it is a file" },
    };

    /// <summary>Inputs that used to be found only by the first run (a failed run, a header-only CSV) are found by Validate, building nothing.</summary>
    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputsAreFoundByValidateBeforeAnyRun(string parameter, string content, string named)
    {
        string folder = Path.Combine(fixture.Root, "bad-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var overrides = parameter switch
        {
            "sft-data" => [("sft-data", Write(Path.Combine(folder, "bad.jsonl"), content))],
            "pretrain-corpus" => [("pretrain-corpus", Directory.CreateDirectory(Path.Combine(folder, "empty")).FullName)],
            "eval-docs" => [("eval-docs", content)],
            _ => new (string, object)[] { ("generations-dir", Write(Path.Combine(folder, "generations"), content)) },
        };
        var setting = fixture.Setting(overrides);

        var e = Assert.Throws<InvalidParameterException>(setting.Validate);

        Assert.Equal(parameter, e.Parameter);
        Assert.Contains(named, e.Message);
    }

    /// <summary>This machine's build references the CPU libtorch: --device cuda is invalid input naming what a GPU needs.</summary>
    [SkippableFact]
    public void CudaWithoutACudaLibtorchIsAnInvalidDeviceNamingThePackage()
    {
        TorchRuntime.EnsureLoaded();
        Skip.If(TorchSharp.torch.cuda.is_available(), "a CUDA libtorch and device are present");
        var setting = fixture.Setting(("device", "cuda"));

        var e = Assert.Throws<InvalidParameterException>(setting.Validate);

        Assert.Equal("device", e.Parameter);
        Assert.Contains("libtorch-cuda-12.8-linux-x64", e.Message);
        Assert.Contains("expected --device cpu", e.Message);
    }

    private static string Write(string path, string content)
    {
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void DefaultsAreTheSmallPresetWithABpeOf1024TokensAndTenSmallEpochsOnTheQuestionsAtTemperatureOne()
    {
        var setting = LmSetting.Create(new Dictionary<string, string>(), new CorpusCache(Path.Combine(fixture.Root, "empty-cache"))); // built without reading anything
        Assert.Equal(GptConfig.Small with { Vocabulary = 1024 }, setting.Config);
        Assert.Contains(setting.Parameters.Canonical, p => p.Key == "tokenizer" && p.Value == "bpe"); // recorded: runs from when bytes was the omitted default never share its ids
        Assert.Equal((10, 1e-3, 4), (setting.FineTuning.Epochs, setting.FineTuning.LearningRate, setting.FineTuning.BatchSize));
        Assert.Equal(1.0, setting.FineTuning.ClipNorm);
        Assert.Equal(1.0, setting.Temperature);
        Assert.Equal("1", setting.Parameters.Text("torch-threads")); // recorded with every result
        Assert.Contains(setting.Parameters.Canonical, p => p.Key == "sft-corpus" && p.Value == "questions"); // recorded: runs from when fortunes was the omitted default never share its ids
    }

    /// <summary>
    /// The first command, as a new user types it (only preset, workflow, samples, iterations, seed), on the real
    /// corpora and the tiny preset's own base from the user's cache: it completes. With the old defaults (one epoch of
    /// 16-document batches at 2e-3) it failed at t = 1 for want of well-formed documents.
    /// </summary>
    [SkippableFact]
    public void TheDefaultsCompleteOnTheRealCorporaAtTheTinyPreset()
    {
        var cache = CorpusCache.Default;
        Skip.IfNot(File.Exists(cache.BrownArchive) && SftCorpus.Sources(SftCorpus.Default).All(c => Directory.Exists(cache.CorpusDirectory(c))),
            "the default corpora are not in the user's cache ('collapse data fetch')");
        var setting = LmSetting.Create(new Dictionary<string, string> { ["preset"] = "tiny" }, cache);
        setting.PretrainProgress = null;
        setting.Validate();

        var result = Run(setting, "replace", seed: 0, samples: 200, iterations: 2);

        Assert.True(result.Succeeded, result.Error);
        Assert.All(result.Metrics.Where(m => m.Metric == MetricNames.MalformedFraction), m => Assert.True(m.Value < 0.8, $"t = {m.Iteration}: malformed fraction {m.Value}"));
    }

    [Fact]
    public void HeldOutDocumentsAreFixedAndNeverInTheTrainingPool()
    {
        var data = fixture.Setting().Data;
        Assert.Equal(16, data.Validation.Count);
        Assert.Empty(data.Validation.Items.Intersect(data.Pool.Items));
        Assert.Equal(data.Validation.Items, fixture.Setting(("lr", 0.001)).Data.Validation.Items);
    }

    [Fact]
    public void DocumentsLongerThanTheContextAreDropped()
    {
        // The fixture's documents are 50–58 tokens; a context of 54 keeps only the shorter ones.
        var data = fixture.Setting(("context", 54), ("eval-docs", 1)).Data;
        Assert.InRange(data.Dropped, 1, 79);
        Assert.All(data.Pool.Items.Concat(data.Validation.Items), d => Assert.True(d.TokenCount <= 54));
    }
}
