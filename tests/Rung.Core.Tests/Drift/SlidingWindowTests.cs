using Rung.Core.Drift;

namespace Rung.Core.Tests.Drift;

public sealed class SlidingWindowTests
{
    [Fact]
    public void Add_PastCapacity_KeepsTheLastNOldestFirst()
    {
        var window = new SlidingWindow<int>(3);
        for (var i = 1; i <= 5; i++)
        {
            window.Add(i);
        }

        Assert.True(window.IsFull);
        Assert.Equal([3, 4, 5], window.Snapshot());
        Assert.True(window.Add(6, out var dropped));
        Assert.Equal(3, dropped);
        Assert.Equal(4, window[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => window[3]);
    }

    [Fact]
    public void Add_BelowCapacity_DropsNothing()
    {
        var window = new SlidingWindow<string>(4);
        Assert.False(window.Add("a", out var dropped));
        Assert.Null(dropped);
        Assert.Equal(["a"], window.Snapshot());
        window.Clear();
        Assert.Equal(0, window.Count);
    }
}
