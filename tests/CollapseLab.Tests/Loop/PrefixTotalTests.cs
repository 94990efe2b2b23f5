using CollapseLab.Loop;

namespace CollapseLab.Tests.Loop;

/// <summary>The running prefix total every task's Accumulate fit uses: entries added once, in order, from entry 0.</summary>
public sealed class PrefixTotalTests
{
    [Fact]
    public void A_growing_prefix_adds_only_the_new_entries_and_a_shorter_one_starts_again_from_entry_0()
    {
        var added = new List<int>();
        var total = new PrefixTotal<List<int>>();
        List<int> Of(int length) => total.Of(length, k => { added.Add(k); return [k]; }, (sum, k) => { added.Add(k); return [.. sum, k]; });

        Assert.Equal([0, 1, 2], Of(3));
        Assert.Equal([0, 1, 2, 3, 4], Of(5));
        Assert.Equal([0, 1, 2, 3, 4], added); // each entry once
        Assert.Equal([0, 1], Of(2)); // a custom workflow's shorter prefix: the same order of merges as afresh
        Assert.Equal([0, 1, 2, 3, 4, 0, 1], added);
        Assert.Equal([0, 1], Of(2)); // the same prefix again: nothing added
        Assert.Equal(7, added.Count);
    }
}
