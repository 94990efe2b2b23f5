using CollapseLab.Loop;
using CollapseLab.Mixtures;
using CollapseLab.Parameters;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tasks.Kde;

namespace CollapseLab.Tests.Mixtures;

/// <summary>
/// The reference study's mixture protocol, on request: one real split for every seed, cells on its first num_real
/// rows (nested), the generator fit to the whole split. CollapseLab's protocol stays the default and keeps its run ids.
/// </summary>
public sealed class MixtureReferenceProtocolTests
{
    [Fact]
    public void Cells_take_the_first_rows_of_one_split_and_the_generator_is_fit_to_all_of_it()
    {
        var setting = new RecordingSetting();
        var grid = new MixtureGrid([3, 10, 40], [0, 20], protocol: MixtureProtocol.Reference);
        Assert.Equal(40, grid.GeneratorSamples);
        foreach (ulong seed in new ulong[] { 5, 9 })
        {
            var results = MixtureStudy.RunSeed(setting, grid, seed);
            Assert.Equal(6, results.Count);
            Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
            Assert.All(results, r => Assert.Contains("protocol=reference", r.Spec.Key));
            foreach (var result in results)
            {
                var cell = (MixtureCell)result.Spec.Workflow;
                Assert.Equal(cell.NumReal + cell.NumSynthetic, result.Metrics.Single(m => m.Metric == MetricNames.TestNll).Value);
            }
        }
        // every real pool was drawn with the same data seed, whatever the run's seed
        Assert.All(setting.Fits, f => Assert.Equal(MixtureStudy.ReferenceDataSeed, f.Seed));
        Assert.DoesNotContain(setting.Fits, f => f.Training.Any(v => v < 0)); // no separate generator sample
        var realParts = setting.Fits.Select(f => f.Training.Where(v => v < RecordingSetting.SyntheticBase).ToArray()).ToArray();
        // per seed: the generator (all 40 real rows) and the 6 cells, each on the first num_real rows in order
        Assert.Equal(2 * 7, realParts.Length);
        Assert.All(realParts, real => Assert.Equal(Enumerable.Range(0, real.Length).Select(i => (double)i), real));
        Assert.Equal(2 * 3, realParts.Count(r => r.Length == 40)); // per seed: the generator and the cells (40, 0), (40, 20)
    }

    [Fact]
    public void Both_protocols_in_one_store_are_two_studies_in_the_report()
    {
        var setting = new GaussianSetting(new() { Dim = 2 });
        var collapseLab = MixtureStudy.RunSeed(setting, new MixtureGrid([5, 20], [0, 10]), seed: 1);
        var reference = MixtureStudy.RunSeed(setting, new MixtureGrid([5, 20], [0, 10], protocol: MixtureProtocol.Reference), seed: 1);
        var studies = MixtureAnalysis.From(collapseLab.Concat(reference));
        Assert.Equal([MixtureProtocol.CollapseLab, MixtureProtocol.Reference], studies.Select(s => s.Protocol).Order());
        Assert.All(studies, s => Assert.Equal(4, s.Cells.Count));
    }

    [Fact]
    public void CollapseLab_protocol_is_the_default_and_keeps_the_run_ids()
    {
        var cell = new MixtureCell(3, 5, 10, 10, 5);
        Assert.Equal(MixtureProtocol.CollapseLab, cell.Protocol);
        Assert.DoesNotContain(MixtureCell.ProtocolKey, cell.Parameters.Canonical.Select(p => p.Key));
        Assert.Equal(cell.Parameters.Canonical, new MixtureCell(3, 5, 10, 10, 5, MixtureProtocol.CollapseLab).Parameters.Canonical);
        Assert.NotEqual(cell.Parameters.Canonical, new MixtureCell(3, 5, 10, 10, 5, MixtureProtocol.Reference).Parameters.Canonical);
        Assert.All(new MixtureGrid([3, 10], [0, 5]).Cells, c => Assert.Equal(MixtureProtocol.CollapseLab, c.Protocol));
    }

    [Fact]
    public void Reference_protocol_needs_a_real_split_and_fits_the_generator_to_it_whole()
    {
        Assert.Equal("generator-samples", Assert.Throws<InvalidParameterException>(() => new MixtureGrid([3, 10], [0, 5], generatorSamples: 7, protocol: MixtureProtocol.Reference)).Parameter);
        Assert.Equal("real", Assert.Throws<InvalidParameterException>(() => new MixtureGrid([0], [5], protocol: MixtureProtocol.Reference)).Parameter);
        // no fresh real data is needed: a CSV data set can run the reference protocol, not CollapseLab's
        string csv = Path.Combine(Path.GetTempPath(), $"collapselab-mixture-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(csv, Enumerable.Range(0, 700).Select(i => $"{i % 7},{i % 11}"));
        try
        {
            var fromCsv = new KdeSetting(new() { Data = csv, Bandwidth = KdeBandwidth.Fixed(0.5) });
            Assert.Throws<InvalidParameterException>(() => MixtureStudy.Validate(fromCsv));
            MixtureStudy.Validate(fromCsv, MixtureProtocol.Reference);
            var results = MixtureStudy.RunSeed(fromCsv, new MixtureGrid([10, 50], [0, 20], protocol: MixtureProtocol.Reference), seed: 1);
            Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
