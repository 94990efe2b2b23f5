using System.Diagnostics;
using System.Globalization;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Store;
using CollapseLab.Sweeps;
using CollapseLab.Tasks;
using CollapseLab.Workflows;

namespace CollapseLab.Benchmarks.Store;

/// <summary>
/// What the results store adds to a Gaussian sweep's wall time: the same runs, alternately run in memory
/// (<see cref="Runner.Run"/>, the baseline) and through <see cref="SweepRunner.Run"/> into a fresh store, on all
/// cores. <c>dotnet run -c Release --project bench/CollapseLab.Benchmarks -- sweep-overhead [rounds]</c>.
/// </summary>
public static class SweepOverhead
{
    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Measure("reference grid, every cell: d {1,3,10,31,100} × n {10,32,100,316,1000} × 3 workflows × 2 seeds, T=100",
            Grid([1, 3, 10, 31, 100], [10, 32, 100, 316, 1000], 2), rounds);
        Measure("reference-grid subset: d {1,3,10} × n {10,32,100,316,1000} × 3 workflows × 10 seeds, T=100",
            Grid([1, 3, 10], [10, 32, 100, 316, 1000], 10), rounds);
        Measure("worst case, tiniest runs: d=1, n=10, 3 workflows × 300 seeds, T=100",
            Grid([1], [10], 300), rounds);
        return 0;
    }

    private static RunSpec[] Grid(int[] dims, int[] samples, int seeds) => (
        from d in dims
        from n in samples
        from w in new[] { "replace", "accumulate-subsample", "accumulate" }
        from seed in Enumerable.Range(0, seeds)
        select RunSpec.Create(TaskCatalog.BuiltIn.Create("gaussian", new Dictionary<string, string> { ["dim"] = d.ToString(CultureInfo.InvariantCulture) }),
            WorkflowCatalog.BuiltIn.Create(w), n, 100, (ulong)seed)).ToArray();

    private static void Measure(string title, RunSpec[] runs, int rounds)
    {
        string directory = Directory.CreateTempSubdirectory("collapselab-overhead-").FullName;
        try
        {
            Runner.Run(runs.Take(30).ToArray()); // JIT warm-up
            using (var warm = ResultStore.Open(Path.Combine(directory, "warm.duckdb"))) SweepRunner.Run(runs.Take(30).ToArray(), warm);
            var memory = new List<double>();
            var stored = new List<double>();
            var busy = new List<double>();
            var memoryCpu = new List<double>();
            var storedCpu = new List<double>();
            var process = Process.GetCurrentProcess();
            for (int round = 0; round < rounds; round++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                Runner.Run(runs);
                memory.Add(clock.Elapsed.TotalSeconds);
                process.Refresh();
                memoryCpu.Add((process.TotalProcessorTime - cpu).TotalSeconds);

                cpu = process.TotalProcessorTime;
                using var store = ResultStore.Open(Path.Combine(directory, $"r{round}.duckdb"));
                var outcome = SweepRunner.Run(runs, store);
                store.Dispose();
                stored.Add(outcome.Elapsed.TotalSeconds);
                busy.Add(outcome.StoreBusy.TotalSeconds);
                process.Refresh();
                storedCpu.Add((process.TotalProcessorTime - cpu).TotalSeconds);
            }
            double m = Median(memory), s = Median(stored);
            Console.WriteLine(title);
            Console.WriteLine($"  {runs.Length} runs, {runs.Length * 500:N0} metric rows; medians of {rounds} alternating rounds");
            Console.WriteLine($"  in memory (baseline): {m:0.00} s   into a store: {s:0.00} s   overhead {100 * (s - m) / m:+0.0;-0.0}%   "
                + $"writer thread busy {Median(busy):0.00} s ({100 * Median(busy) / s:0.0}% of wall)");
            double mc = Median(memoryCpu), sc = Median(storedCpu);
            Console.WriteLine($"  CPU time (all threads): in memory {mc:0.00} s, into a store {sc:0.00} s: the store costs {sc - mc:0.00} s of CPU ({100 * (sc - mc) / mc:+0.0;-0.0}%)");
            Console.WriteLine($"  rounds in memory: {string.Join(", ", memory.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))}; into store: {string.Join(", ", stored.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
