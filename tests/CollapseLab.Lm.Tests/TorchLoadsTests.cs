using TorchSharp;

namespace CollapseLab.Lm.Tests;

/// <summary>Fails loudly, with the cause, when libtorch cannot be loaded (e.g. the GLIBCXX fix-up did not run).</summary>
public class TorchLoadsTests
{
    [Fact]
    public void LibtorchLoadsAndMultiplies()
    {
        TorchRuntime.EnsureLoaded();
        using var a = torch.ones(2, 3);
        using var b = torch.ones(3, 4);
        using var c = torch.mm(a, b);
        Assert.Equal(3f, c[1, 2].item<float>());
    }
}
