using System.Runtime.CompilerServices;

namespace CollapseLab.Reports.Theory;

/// <summary>
/// The exact expectations reports draw as dashed lines over the simulated means: whatever its task declares in its
/// catalogue entry (<see cref="Tasks.TaskInfo.Theory"/>), computed once per group.
/// </summary>
public static class TheoryOverlay
{
    private static readonly ConditionalWeakTable<RunGroup, IReadOnlyDictionary<string, double[]>> Expectations = new();

    /// <summary>
    /// E[<paramref name="metric"/>] at <paramref name="iteration"/> for the runs of <paramref name="group"/>, or null
    /// when its task declares no closed form for that metric, workflow, parameter set or iteration.
    /// </summary>
    public static double? Expectation(RunGroup group, string metric, int iteration)
    {
        if (group.Info?.Theory is not { } theory) return null;
        var expected = Expectations.GetValue(group, g => theory(g.Representative));
        return expected.TryGetValue(metric, out var values) && iteration >= 1 && iteration <= values.Length && !double.IsNaN(values[iteration - 1])
            ? values[iteration - 1]
            : null;
    }
}
