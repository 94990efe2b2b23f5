using CollapseLab.Lm.Model;
using CollapseLab.Lm.Training;
using CollapseLab.Random;
using static TorchSharp.torch;

namespace CollapseLab.Lm.Tests.Training;

public class AdamWTests
{
    [Fact]
    public void UpdatesAreBitIdenticalToTorchSharpsAdamW()
    {
        // Our AdamW exists only to hold its Scalars through each native call; it must not change a single weight.
        TorchRuntime.Configure(1, "cpu");
        using var ours = new Gpt(GptConfig.Tiny, new Rng(4));
        using var theirs = new Gpt(GptConfig.Tiny, new Rng(4));
        var batch = new[] { "user: cat\nassistant: the cat sleeps.", "user: owl\nassistant: who?" }.Select(t => ByteTokenizer.Instance.Encode(t)).ToArray();
        var (input, target) = DocumentBatch.Build(batch, CPU);

        using var optimizer = Optimizers.AdamW(ours, 1e-2, 0.1, beta2: 0.99);
        var parameters = theirs.parameters().ToArray();
        using var reference = optim.AdamW(
        [
            new TorchSharp.Modules.AdamW.ParamGroup(parameters.Where(p => p.dim() >= 2), 1e-2, 0.9, 0.99, 1e-8, 0.1),
            new TorchSharp.Modules.AdamW.ParamGroup(parameters.Where(p => p.dim() < 2), 1e-2, 0.9, 0.99, 1e-8, 0.0),
        ], 1e-2, 0.9, 0.99, 1e-8, 0.1);

        for (int step = 0; step < 5; step++)
        {
            double rate = 1e-2 * (step + 1) / 5; // a changing rate, as warmup sets it
            optimizer.LearningRate = rate;
            foreach (var group in reference.ParamGroups) group.LearningRate = rate;
            optimizer.ZeroGrad();
            ours.Loss(input, target).backward();
            optimizer.Step();
            reference.zero_grad();
            theirs.Loss(input, target).backward();
            reference.step();
        }
        using var initial = new Gpt(GptConfig.Tiny, new Rng(4));
        var changed = ours.parameters().Zip(initial.parameters()).Count(p => !p.First.eq(p.Second).all().item<bool>());
        Assert.True(changed > 0, "five steps changed no weight: the test would pass for a do-nothing optimizer");
        foreach (var (a, b) in ours.parameters().Zip(theirs.parameters()))
            Assert.True(a.eq(b).all().item<bool>(), "a weight differs from TorchSharp's AdamW");
    }
}
