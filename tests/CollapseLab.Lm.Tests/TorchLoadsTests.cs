using TorchSharp;

namespace CollapseLab.Lm.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void LibtorchLoadsAndMultiplies()
    {
        using var a = torch.ones(2, 3);
        using var b = torch.ones(3, 4);
        using var c = torch.mm(a, b);
        Assert.Equal(3f, c[1, 2].item<float>());
    }
}
