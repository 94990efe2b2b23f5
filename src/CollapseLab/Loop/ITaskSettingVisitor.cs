using CollapseLab.Data;

namespace CollapseLab.Loop;

/// <summary>
/// Code that needs a setting's data type (to start its runs and hold its pools), given only
/// an <see cref="ITaskSetting"/>: <see cref="ITaskSetting.Accept{TResult}"/> calls <see cref="Visit{TData}"/> with the
/// setting as a <see cref="TaskSetting{TData}"/> (the mixture study, the shared setting checks).
/// </summary>
public interface ITaskSettingVisitor<out TResult>
{
    /// <summary>The result for <paramref name="setting"/>.</summary>
    TResult Visit<TData>(TaskSetting<TData> setting) where TData : IDataset<TData>;
}
