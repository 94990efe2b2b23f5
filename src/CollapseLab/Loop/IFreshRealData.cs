using CollapseLab.Data;
using CollapseLab.Random;

namespace CollapseLab.Loop;

/// <summary>A run that can draw more real data than its generation 0 (from the truth, or unused real documents).</summary>
public interface IFreshRealData<TData> where TData : IDataset<TData>
{
    /// <summary><paramref name="n"/> new real samples, independent of the run's real training and test data.</summary>
    TData DrawReal(int n, Rng rng);
}
