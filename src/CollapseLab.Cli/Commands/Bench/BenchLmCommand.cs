using System.CommandLine;
using System.Globalization;
using CollapseLab.Cli.Console;
using CollapseLab.Lm;
using CollapseLab.Lm.Benchmarks;
using CollapseLab.Lm.Model;

namespace CollapseLab.Cli.Commands.Bench;

/// <summary><c>collapse bench lm</c>: language-model throughput against a matrix-multiply peak measured in the same run.</summary>
public static class BenchLmCommand
{
    internal static Command Create()
    {
        var command = new Command("lm",
            "Measure the language model: float32 matmul peak, training tokens/s and model FLOPs utilisation, sampling tokens/s with and without the KV cache.");
        var preset = new Option<string>("--preset") { Description = "model shape [tiny, small, medium]", DefaultValueFactory = _ => "small" };
        var batch = new Option<int>("--batch") { Description = "training sequences per step", DefaultValueFactory = _ => 32 };
        var sequence = new Option<int>("--sequence") { Description = "training sequence length (≤ the preset's context)", DefaultValueFactory = _ => 128 };
        var steps = new Option<int>("--steps") { Description = "timed training steps", DefaultValueFactory = _ => 20 };
        var rows = new Option<int>("--rows") { Description = "sequences sampled side by side", DefaultValueFactory = _ => 16 };
        var threads = new Option<int>("--torch-threads") { Description = "libtorch threads", DefaultValueFactory = _ => 2 };
        var vocabulary = new Option<int>("--vocab-size")
        {
            Description = $"tokens the model knows: {LmParameters.DefaultVocabSize} for the setting's default bpe tokenizer, {ByteTokenizer.Instance.VocabularySize} for bytes",
            DefaultValueFactory = _ => LmParameters.DefaultVocabSize,
        };
        foreach (var option in new Option[] { preset, batch, sequence, steps, rows, threads, vocabulary }) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var shape = parsed.GetValue(preset) switch
            {
                "tiny" => GptConfig.Tiny,
                "small" => GptConfig.Small,
                "medium" => GptConfig.Medium,
                var other => throw new UsageException($"invalid --preset '{other}': expected tiny, small or medium"),
            };
            int v = parsed.GetValue(vocabulary);
            if (v < ByteTokenizer.Instance.VocabularySize)
                throw new UsageException($"invalid --vocab-size {v}: expected ≥ {ByteTokenizer.Instance.VocabularySize} (the 256 bytes and end-of-text)");
            var config = shape with { Vocabulary = v };
            int b = parsed.GetValue(batch), t = parsed.GetValue(sequence), n = parsed.GetValue(steps), r = parsed.GetValue(rows), k = parsed.GetValue(threads);
            if (b < 1 || n < 1 || r < 1 || k < 1) throw new UsageException("--batch, --steps, --rows and --torch-threads must be ≥ 1");
            if (t < 1 || t > config.Context) throw new UsageException($"invalid --sequence {t}: expected 1 to {config.Context}");
            var device = TorchRuntime.Configure(k, "cpu");
            var invariant = CultureInfo.InvariantCulture;
            System.Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, libtorch threads {k}");
            System.Console.WriteLine($"model: {config} = {config.ParameterCount:N0} parameters, {config.TrainingFlopsPerToken(t) / 1e6:0.00} MFLOP per training token at T={t}");
            double peak = LmBenchmark.MatmulPeakGflops();
            System.Console.WriteLine(string.Create(invariant, $"matmul peak (torch.mm 2048², float32): {peak:0.0} GFLOP/s"));
            var (tokens, gflops) = LmBenchmark.Training(config, b, t, n, device);
            System.Console.WriteLine(string.Create(invariant, $"training (batch {b}, T={t}): {tokens:0} tokens/s, {gflops:0.0} GFLOP/s, MFU {100 * gflops / peak:0.0}% of the measured peak"));
            double cached = LmBenchmark.Sampling(config, r, useCache: true, device);
            double uncached = LmBenchmark.Sampling(config, r, useCache: false, device);
            System.Console.WriteLine(string.Create(invariant, $"sampling ({r} rows, up to {config.Context} tokens): {cached:0} tokens/s with the KV cache, {uncached:0} without ({cached / uncached:0.0}×)"));
            return ExitCodes.Success;
        });
        return command;
    }
}
