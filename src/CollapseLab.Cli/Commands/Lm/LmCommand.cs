using System.CommandLine;
using System.Diagnostics;
using CollapseLab.Cli.Console;
using CollapseLab.Lm;
using CollapseLab.Lm.Corpora;
using CollapseLab.Lm.Training;

namespace CollapseLab.Cli.Commands.Lm;

/// <summary><c>collapse lm pretrain</c>: pretrains (or finds cached) the base model a <c>run lm</c> with the same options uses.</summary>
public static class LmCommand
{
    /// <summary>The options of <c>run lm</c> that decide the base model.</summary>
    private static readonly string[] BaseParameters =
        ["preset", "layers", "width", "heads", "context", "tokenizer", "vocab-size", "pretrain-corpus", "pretrain-steps", "base-seed", "torch-threads", "device"];

    internal static Command Create()
    {
        var lm = new Command("lm", "Language-model setting tools.");
        var pretrain = new Command("pretrain",
            "Pretrain the base model for these options (cached by shape, tokenizer, pretraining options, corpus content and seed); "
            + "'run lm' with the same options loads it instead of training it.");
        var options = new ParameterOptions(LmParameters.Declaration.Specs.Where(s => BaseParameters.Contains(s.Name)));
        foreach (var option in options.Options) pretrain.Options.Add(option);
        pretrain.SetAction(parsed =>
        {
            var setting = LmSetting.Create(options.Given(parsed), needsRealData: false);
            setting.Validate();
            var (path, cached) = setting.BaseCheckpoint();
            if (cached)
            {
                System.Console.WriteLine($"base model already cached: {path}");
                return ExitCodes.Success;
            }
            System.Console.Error.WriteLine(
                $"pretraining {setting.Config} ({setting.Config.ParameterCount:N0} parameters) for {setting.Pretraining.Steps} steps "
                + $"of {setting.Pretraining.BatchSize}×{setting.Config.Context} tokens on {setting.TorchThreads} thread(s)");
            var clock = Stopwatch.StartNew();
            try
            {
                path = setting.PretrainBase(new Progress(p => System.Console.Error.WriteLine($"pretrain: {p}")));
            }
            catch (CorpusException e)
            {
                throw new UsageException(e.Message);
            }
            System.Console.WriteLine($"base model: {path} ({clock.Elapsed.TotalSeconds:0} s)");
            return ExitCodes.Success;
        });
        lm.Subcommands.Add(pretrain);
        return lm;
    }

    /// <summary>Reports on the calling thread, in order.</summary>
    private sealed class Progress(Action<PretrainProgress> report) : IProgress<PretrainProgress>
    {
        public void Report(PretrainProgress value) => report(value);
    }
}
