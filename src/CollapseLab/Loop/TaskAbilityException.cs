using CollapseLab.Data;

namespace CollapseLab.Loop;

/// <summary>
/// A task setting declares an ability (<see cref="ITaskSetting.Abilities"/>) that its run or model does not implement:
/// a bug in the setting, reported by name before any workflow would need the ability (instead of an
/// <see cref="InvalidCastException"/> deep inside the loop).
/// </summary>
public sealed class TaskAbilityException(string message) : InvalidOperationException(message)
{
    private const TaskAbilities RunAbilities = TaskAbilities.FreshRealData | TaskAbilities.TruthLikelihood | TaskAbilities.UnfittedModel;

    /// <summary>The abilities whose interface <paramref name="run"/> implements.</summary>
    public static TaskAbilities OfRun<TData>(ITaskRun<TData> run) where TData : IDataset<TData> =>
        (run is IFreshRealData<TData> ? TaskAbilities.FreshRealData : TaskAbilities.None)
        | (run is ITruthLikelihood<TData> ? TaskAbilities.TruthLikelihood : TaskAbilities.None)
        | (run is IUnfittedModel<TData> ? TaskAbilities.UnfittedModel : TaskAbilities.None);

    /// <summary>The abilities whose interface <paramref name="model"/> implements.</summary>
    public static TaskAbilities OfModel<TData>(IModel<TData> model) where TData : IDataset<TData> =>
        model is IModelLikelihood<TData> ? TaskAbilities.ModelLikelihood : TaskAbilities.None;

    /// <summary>Throws unless <paramref name="run"/> implements every run ability <paramref name="task"/> declares.</summary>
    /// <exception cref="TaskAbilityException">A declared run ability is not implemented.</exception>
    public static void CheckRun<TData>(ITaskSetting task, ITaskRun<TData> run) where TData : IDataset<TData> =>
        Check(task, run.GetType(), task.Abilities & RunAbilities & ~OfRun(run));

    /// <summary>Throws unless <paramref name="model"/> implements every model ability <paramref name="task"/> declares.</summary>
    /// <exception cref="TaskAbilityException">A declared model ability is not implemented.</exception>
    public static void CheckModel<TData>(ITaskSetting task, IModel<TData> model) where TData : IDataset<TData> =>
        Check(task, model.GetType(), task.Abilities & ~RunAbilities & ~OfModel(model));

    private static void Check(ITaskSetting task, Type implementation, TaskAbilities missing)
    {
        if (missing == TaskAbilities.None) return;
        var names = Enum.GetValues<TaskAbilities>().Where(a => a != TaskAbilities.None && missing.HasFlag(a))
            .Select(a => $"{a} ({InterfaceOf(a)})");
        throw new TaskAbilityException(
            $"task {task.Name} declares abilities its {implementation.Name} does not implement: {string.Join(", ", names)}; " +
            "implement the interface or leave the ability out of Abilities");
    }

    private static string InterfaceOf(TaskAbilities ability) => ability switch
    {
        TaskAbilities.FreshRealData => "IFreshRealData<TData> on the run",
        TaskAbilities.TruthLikelihood => "ITruthLikelihood<TData> on the run",
        TaskAbilities.ModelLikelihood => "IModelLikelihood<TData> on the model",
        TaskAbilities.UnfittedModel => "IUnfittedModel<TData> on the run",
        _ => ability.ToString(),
    };
}
