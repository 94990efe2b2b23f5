using CollapseLab.Loop;
using CollapseLab.Parameters;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Kde;

namespace CollapseLab.Tests.Tasks.Kde;

public sealed class KdeSettingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kde-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("1e300", "1.5")]
    [InlineData("scott", "1e300")]
    public void A_sampling_spread_beyond_1e300_is_rejected(string bandwidth, string temperature)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Create(("bandwidth", bandwidth), ("temperature", temperature)));
        Assert.Equal("temperature", error.Parameter);
        Assert.Contains("1e300", error.Message);
        Assert.Equal(1e300, Create(("bandwidth", "1e300")).Bandwidth.Value);
    }

    private string Csv(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static KdeSetting Create(params (string Name, string Value)[] parameters) =>
        (KdeSetting)TaskCatalog.BuiltIn.Create("kde", parameters.ToDictionary(p => p.Name, p => p.Value));

    [Fact]
    public void Is_registered_with_defaults_in_canonical_form()
    {
        var setting = Create();
        Assert.Equal("kde", TaskCatalog.BuiltIn.Find("KDE").Name);
        Assert.Equal(
            ["dataset=moons", "noise=0.05", "bandwidth=1", "factor=0.8", "features=2", "centers=3", "cluster-std=1"],
            setting.Parameters.Canonical.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(2, setting.Dim);
        Assert.Equal(1.0, setting.Temperature);
        Assert.Contains("temperature=0.8", Create(("temperature", "0.80")).Parameters.Canonical.Select(p => $"{p.Key}={p.Value}"));
    }

    [Theory]
    [InlineData("0.50", "0.5", BandwidthRule.Fixed)]
    [InlineData("1e-1", "0.1", BandwidthRule.Fixed)]
    [InlineData(" Scott", "scott", BandwidthRule.Scott)]
    [InlineData("SILVERMAN", "silverman", BandwidthRule.Silverman)]
    public void Bandwidth_is_a_number_or_a_rule_in_canonical_text(string given, string canonical, BandwidthRule rule)
    {
        var setting = Create(("bandwidth", given));
        Assert.Equal(canonical, setting.Parameters.Text("bandwidth"));
        Assert.Equal(rule, setting.Bandwidth.Rule);
    }

    [Fact]
    public void Rules_of_thumb_follow_scikit_learn()
    {
        Assert.Equal(Math.Pow(1000, -1.0 / 6), KdeBandwidth.Scott.For(1000, 2), 15);
        Assert.Equal(Math.Pow(1000 * 4 / 4.0, -1.0 / 6), KdeBandwidth.Silverman.For(1000, 2), 15); // = Scott when d = 2
        Assert.Equal(Math.Pow(300 * 5 / 4.0, -1.0 / 7), KdeBandwidth.Silverman.For(300, 3), 15);
        Assert.Equal(0.25, KdeBandwidth.Fixed(0.25).For(12345, 3));
    }

    [Theory]
    [InlineData("swiss_roll", 3)]
    [InlineData("circles", 2)]
    [InlineData("blobs", 2)]
    public void Dimension_follows_the_dataset(string dataset, int dim) => Assert.Equal(dim, Create(("dataset", dataset)).Dim);

    [Theory]
    [InlineData("bandwidth", "0")]
    [InlineData("bandwidth", "-0.5")]
    [InlineData("bandwidth", "wide")]
    [InlineData("bandwidth", "NaN")]
    [InlineData("bandwidth", "Infinity")]
    [InlineData("bandwidth", "1e301")] // samples x + h·z would leave double range
    [InlineData("noise", "-0.01")]
    [InlineData("dataset", "spiral")]
    [InlineData("factor", "1")]
    [InlineData("factor", "-0.2")]
    [InlineData("features", "0")]
    [InlineData("centers", "0")]
    [InlineData("cluster-std", "-1")]
    [InlineData("cluster-std", "x")]
    [InlineData("data", " ")]
    [InlineData("temperature", "0")]
    [InlineData("no-such-parameter", "1")]
    public void Bad_values_are_rejected_naming_the_parameter(string name, string value)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Create((name, value)));
        Assert.Equal(name, error.Parameter);
        Assert.Contains(name, error.Message);
    }

    [Theory]
    [InlineData("x,y\n1,2\n3,abc\n", "line 3", "field 2 'abc'")]
    [InlineData("1,2\n3,4,5\n", "line 2", "3 field(s), expected 2")]
    [InlineData("1,2\n3\n", "line 2", "1 field(s)")]
    [InlineData("1,2\n\n3,inf\n", "line 3", "'inf'")]
    [InlineData("a,b\n", "no data rows", "")]
    [InlineData("", "no data rows", "")]
    public void Bad_csv_files_are_rejected_naming_file_and_line(string text, string where, string problem)
    {
        string path = Csv("bad.csv", text);
        var error = Assert.Throws<InvalidParameterException>(Create(("data", path)).Validate);
        Assert.Equal("data", error.Parameter);
        Assert.Contains($"invalid data '{path}'", error.Message);
        Assert.Contains(where, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_missing_csv_file_is_rejected_when_validated_not_when_built()
    {
        string path = Path.Combine(_folder, "missing.csv");
        var setting = Create(("data", path)); // constructors only store: a store's rows rebuild the setting anywhere
        Assert.Equal(TaskAbilities.ModelLikelihood, setting.Abilities);
        var error = Assert.Throws<InvalidParameterException>(setting.Validate);
        Assert.Equal("data", error.Parameter);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Csv_rows_give_disjoint_training_and_test_sets(bool header)
    {
        // Column 0 is the row's id, so every row can be recognised after the split.
        var lines = Enumerable.Range(0, 700).Select(i => $"{i}, {i * 0.5}, \"{-i}\"");
        string path = Csv("data.csv", (header ? "id,half,\"minus\"\n" : "") + string.Join("\n", lines) + "\n");
        var setting = Create(("data", path), ("dataset", "swiss_roll"));
        Assert.Equal(3, setting.Dim);
        Assert.Equal(700, setting.Data!.Count);

        var run = (KdeRun)setting.Start(300, 5);
        var trainIds = Enumerable.Range(0, run.Real.Count).Select(i => (int)run.Real.Row(i)[0]).ToList();
        var testIds = Enumerable.Range(0, run.Test.Count).Select(i => (int)run.Test.Row(i)[0]).ToList();
        Assert.Equal(300, trainIds.Distinct().Count());
        Assert.Equal(400, testIds.Distinct().Count()); // all 400 rows left, fewer than 500
        Assert.Empty(trainIds.Intersect(testIds));
        Assert.Equal(-run.Real.Row(0)[0], run.Real.Row(0)[2]);

        var again = (KdeRun)setting.Start(300, 5);
        Assert.Equal(run.Real.Values, again.Real.Values);
        Assert.NotEqual(run.Real.Values, ((KdeRun)setting.Start(300, 6)).Real.Values);
    }

    [Fact]
    public void Csv_test_set_has_500_rows_when_enough_are_left_and_samples_must_leave_some()
    {
        string path = Csv("big.csv", string.Join("\n", Enumerable.Range(0, 1000).Select(i => $"{i}")));
        var setting = Create(("data", path));
        Assert.Equal(500, ((KdeRun)setting.Start(100, 1)).Test.Count);
        var error = Assert.Throws<InvalidParameterException>(() => setting.Start(1000, 1));
        Assert.Equal("samples", error.Parameter);
        Assert.Contains("1000 rows", error.Message);
    }

    [Fact]
    public void A_run_over_csv_data_fits_and_samples_in_its_dimension()
    {
        string path = Csv("blob.csv", string.Join("\n", Enumerable.Range(0, 600).Select(i => $"{Math.Sin(i)},{Math.Cos(3 * i)},{i % 7},{i % 3}")));
        var setting = Create(("data", path), ("bandwidth", "scott"));
        var nll = KdeReference.Metric(setting, new CollapseLab.Workflows.Accumulate(), 50, 3, 1, CollapseLab.Loop.MetricNames.TestNll);
        Assert.Equal(3, nll.Length);
        Assert.All(nll, v => Assert.True(double.IsFinite(v)));
    }
}
