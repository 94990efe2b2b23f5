using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CollapseLab.Cli.Console;
using CollapseLab.Loop;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Cli.Commands.Bench;

/// <summary>
/// <c>collapse bench external</c>: the external setting's orchestration overhead per iteration, with programs that do
/// nothing (<c>true</c>, <c>cp</c>, <c>echo</c>): a run's time minus the time the same programs take when started
/// directly, so what is left is CollapseLab's own work (training-set files, hashing, markers, parsing).
/// </summary>
public static class ExternalBench
{
    internal static Command Create()
    {
        var command = new Command("external", "Time the external setting's overhead per iteration with trivial programs (true, cp, echo), beyond the programs' own time.");
        var iterations = new Option<int>("--iterations") { Description = "iterations of the run", DefaultValueFactory = _ => 50 };
        var samples = new Option<int>("--samples") { Description = "n, lines per generation", DefaultValueFactory = _ => 100 };
        var workflow = new Option<string>("--workflow") { Description = "workflow (accumulate: training sets grow to T·n lines)", DefaultValueFactory = _ => "accumulate" };
        command.Options.Add(iterations);
        command.Options.Add(samples);
        command.Options.Add(workflow);
        command.SetAction(parsed =>
        {
            int t = parsed.GetValue(iterations), n = parsed.GetValue(samples);
            if (t < 2) throw new UsageException($"invalid --iterations {t}: expected an integer ≥ 2");
            if (n < 1) throw new UsageException($"invalid --samples {n}: expected an integer ≥ 1");
            return Run(t, n, CollapseCli.Catalog.Workflows.Create(parsed.GetValue(workflow)!));
        });
        return command;
    }

    private static int Run(int iterations, int samples, IWorkflow workflow)
    {
        var directory = Directory.CreateTempSubdirectory("collapse-bench-external-");
        try
        {
            string real = Path.Combine(directory.FullName, "real.jsonl"), generation = Path.Combine(directory.FullName, "generation.jsonl");
            File.WriteAllLines(real, Enumerable.Range(0, samples).Select(i => $"{{\"x\": {i}}}"));
            File.Copy(real, generation);
            const string score = "echo '{\"loss\": 1}'";
            var setting = CollapseCli.Catalog.Create("external", new Dictionary<string, string>
            {
                ["real"] = real, ["test"] = real, ["workdir"] = Path.Combine(directory.FullName, "work"),
                ["fit"] = "true", ["sample"] = $"cp {generation} {{out}}", ["score"] = score,
            });
            var spec = RunSpec.Create(setting, workflow, samples, iterations, 0);
            var warmUp = RunSpec.Create(setting, workflow, samples, 2, 1);
            setting.Run(warmUp); // JIT compilation is not orchestration

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime; // this process only, not its children
            var clock = Stopwatch.StartNew();
            var result = setting.Run(spec);
            var runTime = clock.Elapsed;
            var runCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            if (!result.Succeeded) throw new UsageException($"the benchmark run failed: {result.Error}");
            clock.Restart();
            setting.Run(spec); // every step reused: what a resumed run pays per finished iteration
            var reusedTime = clock.Elapsed;

            // The same programs started directly, as many times: fit and score every iteration, sample all but the last.
            string copy = Path.Combine(directory.FullName, "copy.jsonl");
            clock.Restart();
            for (int t = 1; t <= iterations; t++)
            {
                Start("true");
                Start("echo", "{\"loss\": 1}");
                if (t < iterations) Start("cp", generation, copy);
            }
            var childTime = clock.Elapsed;

            double perIteration(TimeSpan time) => time.TotalMilliseconds / iterations;
            System.Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
            System.Console.WriteLine($"external run, {workflow.Name}, n={samples}, T={iterations} (training sets up to {TrainingLines(workflow, samples, iterations)} lines): "
                + $"{runTime.TotalSeconds:0.000} s, {perIteration(runTime):0.0} ms per iteration");
            System.Console.WriteLine($"the same programs started directly: {perIteration(childTime):0.0} ms per iteration");
            System.Console.WriteLine($"orchestration overhead: {perIteration(runTime - childTime):0.0} ms per iteration beyond the programs' own time");
            // Wall time on a loaded machine includes waiting for a core; collapse's own CPU time does not.
            System.Console.WriteLine($"collapse's own CPU time (starting programs, files, hashes, markers): {perIteration(runCpu):0.0} ms per iteration");
            System.Console.WriteLine($"rerun with every step reused: {perIteration(reusedTime):0.0} ms per iteration");
            return ExitCodes.Success;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string TrainingLines(IWorkflow workflow, int samples, int iterations) =>
        (workflow.Name == "accumulate" ? samples * iterations : samples).ToString("N0", CultureInfo.InvariantCulture);

    private static void Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
    }
}
