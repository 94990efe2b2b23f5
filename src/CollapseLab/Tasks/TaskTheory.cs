using CollapseLab.Loop;

namespace CollapseLab.Tasks;

/// <summary>
/// A task setting's exact expectations for the runs of <paramref name="run"/> (any seed): for each metric with a
/// closed form under that setting, workflow, n and T, E[metric] at iterations 1..T (index t − 1; NaN where unknown).
/// Metrics without one are absent, so a setting, workflow or parameter set with none gives an empty dictionary.
/// </summary>
/// <remarks>
/// Pure numbers, declared by the task through <see cref="TaskInfo.Theory"/>. Decide what the workflow is by its type
/// and <see cref="Workflows.IWorkflow.Growth"/>, never by its name: a custom workflow may reuse a name.
/// </remarks>
public delegate IReadOnlyDictionary<string, double[]> TaskTheory(RunSpec run);
