using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Discrete;
using CollapseLab.Tasks.External;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tasks.Kde;
using CollapseLab.Tasks.LinReg;
using CollapseLab.Workflows;

namespace CollapseLab.Tests.Parameters;

public class ParameterDeclarationTests
{
    private static readonly Dictionary<string, string> ExternalRequired = new()
    {
        ["real"] = "real.jsonl", ["test"] = "test.jsonl", ["fit"] = "fit {train} {model}", ["sample"] = "sample {model} {n} {out}", ["score"] = "score {model} {test}",
    };

    /// <summary>
    /// The declared names and default texts are what stores hold as columns and run keys: they are the record's field
    /// initialisers printed by their kinds, and must stay what they were when the specs were written out by hand.
    /// </summary>
    [Fact]
    public void DefaultsAreTheRecordsFieldInitialisersAsStoresKnowThem()
    {
        string Defaults(IReadOnlyList<ParameterSpec> specs) => string.Join(" ", specs.Select(s => $"{s.Name}={s.Default ?? "∅"}"));
        Assert.Equal("dim=1 sigma2=1 estimator=mle temperature=1", Defaults(GaussianParameters.Declaration.Specs));
        Assert.Equal("dataset=moons noise=0.05 bandwidth=1 factor=0.8 features=2 centers=3 cluster-std=1 data=∅ temperature=1 reference-test-centers=false",
            Defaults(KdeParameters.Declaration.Specs));
        Assert.Equal("outcomes=10 stop-at-fixation=false", Defaults(DiscreteParameters.Declaration.Specs));
        Assert.Equal("dim=10 sigma2=1", Defaults(LinRegParameters.Declaration.Specs));
        Assert.Equal("real=∅ test=∅ fit=∅ sample=∅ score=∅ loglik=∅ loss=∅ workdir=external-runs step-timeout=∅ param=∅",
            Defaults(ExternalParameters.Declaration.Specs));
        Assert.True(KdeParameters.Declaration.Specs.Single(s => s.Name == KdeSetting.ReferenceTestCentersKey).IsFlag);
        Assert.Equal(ParameterInput.File, KdeParameters.Declaration.Specs.Single(s => s.Name == "data").Input);
        Assert.True(GaussianParameters.Declaration.Specs.Single(s => s.Name == "temperature").OmitWhenDefault);
    }

    public static TheoryData<string, Dictionary<string, string>> Given => new()
    {
        { "gaussian", new() { ["dim"] = "3", ["sigma2"] = "2.50", ["estimator"] = "UNBIASED", ["temperature"] = "0.5" } },
        { "kde", new() { ["dataset"] = "blobs", ["bandwidth"] = "Scott", ["features"] = "3", ["cluster-std"] = "1e-1", [KdeSetting.ReferenceTestCentersKey] = "True" } },
        { "kde", new() { ["data"] = " points.csv ", ["bandwidth"] = "0.25" } },
        { "discrete", new() { ["outcomes"] = "+7", [DiscreteSetting.StopAtFixationKey] = "true" } },
        { "linreg", new() { ["dim"] = "50", ["sigma2"] = "0" } },
        { "external", new(ExternalRequired) { ["step-timeout"] = "2.5", ["param.lr"] = "0.1", ["param.depth"] = "3" } },
    };

    /// <summary>Text → record → canonical values gives exactly the canonical values of the text, for every setting.</summary>
    [Theory]
    [MemberData(nameof(Given))]
    public void ASettingBuiltFromTextHasTheCanonicalValuesOfThatText(string task, Dictionary<string, string> given)
    {
        var info = TaskCatalog.BuiltIn.Find(task);
        var expected = ParameterValues.Parse(info.Parameters, given, $"task {task}").Canonical.ToArray();
        Assert.Equal(expected, TaskCatalog.BuiltIn.Create(task, given).Parameters.Canonical);
    }

    [Fact]
    public void TheTypedConstructorSetsEveryParameterAndGivesTheSameRunAsText()
    {
        var typed = new GaussianSetting(new() { Dim = 3, Temperature = 0.5, Estimator = CovarianceEstimator.Unbiased });
        var text = TaskCatalog.BuiltIn.Create("gaussian", new Dictionary<string, string> { ["dim"] = "3", ["temperature"] = "0.5", ["estimator"] = "unbiased" });
        Assert.Equal(0.5, typed.Temperature);
        var a = RunSpec.Create(typed, new Replace(), 10, 3, 1);
        var b = RunSpec.Create(text, new Replace(), 10, 3, 1);
        Assert.Equal(b.Key, a.Key);
        Assert.Equal("gaussian/replace/dim=3,sigma2=1,estimator=unbiased,temperature=0.5,samples=10,iterations=3/seed=1", a.Key);
        Assert.Equal(typed.Run(a).Metrics, text.Run(b).Metrics);
    }

    [Fact]
    public void AnOutOfRangeFieldIsRefusedNamingItsParameter()
    {
        var e = Assert.Throws<InvalidParameterException>(() => new GaussianSetting(new() { Dim = 0 }));
        Assert.Equal("dim", e.Parameter);
        Assert.Equal("invalid dim '0' for task gaussian: expected an integer ≥ 1", e.Message);
        e = Assert.Throws<InvalidParameterException>(() => new KdeSetting(new() { Noise = double.NaN }));
        Assert.Equal("noise", e.Parameter);
        e = Assert.Throws<InvalidParameterException>(() => new ExternalSetting(new() { Real = "r.jsonl", Test = "t.jsonl", Fit = "f", Sample = "s", Score = "" }));
        Assert.Equal("score", e.Parameter);
    }

    [Fact]
    public void ARecordReadFromCanonicalValuesIsTheRecordThatWroteThem()
    {
        var record = new KdeParameters { Dataset = KdeDataset.Circles, Bandwidth = KdeBandwidth.Silverman, Factor = 0.5, Temperature = 2 };
        Assert.Equal(record, KdeParameters.Declaration.Read(KdeParameters.Declaration.Write(record)));
        var external = new ExternalParameters { Real = "r", Test = "t", Fit = "f", Sample = "s", Score = "c", StepTimeout = 3, Params = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } };
        var read = ExternalParameters.Declaration.Read(ExternalParameters.Declaration.Write(external));
        Assert.Equal(external.StepTimeout, read.StepTimeout);
        Assert.Equal(external.Params.OrderBy(p => p.Key), read.Params.OrderBy(p => p.Key));
    }
}
