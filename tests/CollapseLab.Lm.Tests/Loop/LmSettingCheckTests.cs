using CollapseLab.Lm.Tests.Support;
using CollapseLab.Loop;
using CollapseLab.Tests.Loop;

namespace CollapseLab.Lm.Tests.Loop;

/// <summary>The shared <see cref="SettingChecks"/> on the language model, with the fixture's tiny corpora and base.</summary>
public class LmSettingCheckTests(LmFixture fixture) : IClassFixture<LmFixture>
{
    // The catalogue builds the setting over the user's cache; runs use the fixture's, so no test writes the user's.
    private ITaskSetting Setting() => fixture.Setting();

    [Fact]
    public void DefaultConstructible() => SettingChecks.DefaultConstructible(LmSetting.Info, fixture.Parameters());

    [Fact]
    public void FitTwiceEqualsFitOnce() => SettingChecks.FitTwiceEqualsFitOnce(Setting());

    [Fact]
    public void SameSeedSameBits() => SettingChecks.SameSeedSameBits(Setting());

    [Fact]
    public void SamplesAsManyRowsAsAsked() => SettingChecks.SamplesAsManyRowsAsAsked(Setting());

    [Fact]
    public void IterationOneOnRealDataOnly() => SettingChecks.IterationOneOnRealDataOnly(Setting());

    [Fact]
    public void DeclaredAbilitiesAreImplemented() => SettingChecks.DeclaredAbilitiesAreImplemented(Setting());
}
