using System.Globalization;
using CollapseLab.Parameters;

namespace CollapseLab.Loop;

/// <summary>
/// The memory a run needs, checked before it allocates anything. Its pool keeps every generation (it is
/// append-only), so after T iterations it holds n + Σ_{t=1}^{T−1} (n_t + fresh) samples of
/// <see cref="ITaskSetting.NumbersPerSample"/> 8-byte numbers, and a workflow that trains on the whole pool copies
/// them into one array, which .NET caps at <see cref="Array.MaxLength"/> elements.
/// </summary>
public static class RunMemory
{
    /// <summary>Bytes this process may use: the machine's memory, or a container's or the GC heap's limit.</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Samples the pool of <paramref name="spec"/> holds after its last iteration, as the schedule plans them (unbounded).</summary>
    public static double PoolSamples(RunSpec spec)
    {
        var growth = spec.Workflow.Growth;
        int generations = spec.Iterations - 1; // the loop adds none after iteration T
        return spec.Samples + growth.Schedule.PlannedTotal(spec.Samples, generations) + (double)growth.FreshReal * generations;
    }

    /// <summary>Checks that <paramref name="spec"/>'s pool (and curation's candidates) fit in <paramref name="availableBytes"/> and in one array.</summary>
    /// <exception cref="InvalidParameterException">They do not fit; the message gives the count, the memory and the limit.</exception>
    public static void Check(RunSpec spec, long availableBytes)
    {
        var growth = spec.Workflow.Growth;
        int width = spec.Task.NumbersPerSample;
        double pool = PoolSamples(spec);
        // curation draws ⌈n_t / q⌉ candidates for the largest (last) generation, then keeps n_t of them
        double candidates = growth.Curation is { } curation && spec.Iterations > 1
            ? Math.Ceiling(growth.Schedule.Planned(spec.Samples, spec.Iterations - 1) / curation.Keep) : 0;
        string parameter = growth.Schedule.Kind != "constant" ? "growth" : growth.FreshReal > 0 ? "fresh-real" : "samples";
        string given = $"{InvalidParameterException.Name("samples")} {spec.Samples}, {InvalidParameterException.Name("iterations")} {spec.Iterations}, {InvalidParameterException.Name("growth")} {growth.Schedule}"
            + (growth.FreshReal > 0 ? $", {InvalidParameterException.Name("fresh-real")} {growth.FreshReal}" : "")
            + (growth.Curation is { } c ? $", {InvalidParameterException.Name("curate")} {c.Rule}:{c.Keep.ToString("R", CultureInfo.InvariantCulture)}" : "");
        string run = $"run too large for task {spec.Task.Name} ({given}): ";
        if (width == 0)
        {
            // a task that keeps counts, not samples (discrete), holds no pool of samples: only one generation's size is bounded
            double generation = Math.Max(spec.Samples, Math.Max(spec.Iterations > 1 ? growth.Schedule.Planned(spec.Samples, spec.Iterations - 1) : 0, candidates));
            Check(generation, generation, width, availableBytes, parameter, run + "one generation would draw", run + "one generation would draw");
            return;
        }
        Check(Math.Max(pool, candidates), pool + candidates, width, availableBytes, parameter,
            run + (pool >= candidates ? "a workflow training on its whole pool would copy" : "curation would draw"),
            run + $"its pool{(candidates > 0 ? " and curation's candidates" : "")} would hold");
    }

    /// <summary>
    /// Checks that <paramref name="largest"/> samples fit in one array and <paramref name="held"/> samples, held at
    /// once, in <paramref name="availableBytes"/>, at <paramref name="width"/> numbers per sample.
    /// </summary>
    /// <exception cref="InvalidParameterException">They do not fit (for <paramref name="parameter"/>; the message starts with
    /// <paramref name="whatLargest"/> or <paramref name="whatHeld"/>, which say what holds those samples).</exception>
    public static void Check(double largest, double held, int width, long availableBytes, string parameter, string whatLargest, string whatHeld)
    {
        if (width == 0)
        {
            if (largest > int.MaxValue)
                throw new InvalidParameterException(parameter, $"{whatLargest} {Count(largest)} samples; a generation's size is a 32-bit integer, at most {int.MaxValue:N0}");
            return;
        }
        string numbers = width == 1 ? "1 number" : $"{width} numbers";
        if (largest > ArrayLimit(width))
            throw new InvalidParameterException(parameter, $"{whatLargest} {Count(largest)} samples of {numbers} into one array, "
                + $"more than the {Array.MaxLength:N0} elements a .NET array holds: at most {ArrayLimit(width):N0} samples");
        if (held > MemoryLimit(width, availableBytes))
            throw new InvalidParameterException(parameter, $"{whatHeld} {Count(held)} samples of {numbers}, about {Bytes(held * width * 8)} of memory; "
                + $"this machine has {Bytes(availableBytes)}, enough for at most {MemoryLimit(width, availableBytes):N0} samples");
    }

    private static double ArrayLimit(int width) => width == 0 ? int.MaxValue : Math.Floor((double)Array.MaxLength / width);

    private static double MemoryLimit(int width, long availableBytes) => width == 0 ? double.PositiveInfinity : Math.Floor(availableBytes / (8.0 * width));

    private static string Count(double samples) => double.IsInfinity(samples) ? "more than 1e+308" : samples < 1e15 ? samples.ToString("N0", CultureInfo.InvariantCulture) : samples.ToString("0.##e+0", CultureInfo.InvariantCulture);

    private static string Bytes(double bytes) => bytes < 1e15 ? $"{(bytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture)} GB" : $"{bytes.ToString("0.##e+0", CultureInfo.InvariantCulture)} bytes";
}
