using Rung.Edge.Safety;
using Rung.Edge.Tests.Hosting;
using Rung.Edge.Tests.Models;
using Rung.Models;
using Rung.Storage.Edge;
using Rung.Testing;

namespace Rung.Edge.Tests.Safety;

/// <summary><see cref="EdgeModelGuard.NoBudget"/> keeps the stop switch and arms no watchdog; a real budget still does.</summary>
public sealed class EdgeModelGuardBudgetTests
{
    [Fact]
    public async Task NoBudget_SlowCallIsNeverAbandoned_WhileABudgetAbandonsIt()
    {
        var clock = new ManualTimeProvider();
        var slow = new GatedModel();
        await using var unbounded = new EdgeModelGuard(slow, () => null, EdgeModelGuard.NoBudget, clock);

        var call = unbounded.PredictAsync(EdgeModelCacheTests.Features()).AsTask();
        await slow.Asked;
        clock.Advance(TimeSpan.FromDays(60));
        Assert.False(call.IsCompleted);
        slow.Open();
        Assert.Equal("scrap", (await call).Action.Name);
        Assert.Equal(0, unbounded.Timeouts);

        var stuck = new GatedModel();
        await using var bounded = new EdgeModelGuard(stuck, () => null, TimeSpan.FromSeconds(1), clock);
        var timed = bounded.PredictAsync(EdgeModelCacheTests.Features()).AsTask();
        await stuck.Asked;
        clock.Advance(TimeSpan.FromSeconds(2));
        var failure = await Assert.ThrowsAsync<ModelCallException>(() => timed);
        Assert.Equal(ModelFailure.Timeout, failure.Failure);
    }

    [Fact]
    public async Task NoBudget_StopInForce_AnswersBeforeTheModelIsAsked()
    {
        var model = new GatedModel();
        var stop = new StopEvent(1, "agent:a", true, DateTimeOffset.UnixEpoch, "line3.lead", "jam at station 4", "server");
        await using var guard = new EdgeModelGuard(model, () => stop, EdgeModelGuard.NoBudget, new ManualTimeProvider());

        var failure = await Assert.ThrowsAsync<ModelCallException>(async () => await guard.PredictAsync(EdgeModelCacheTests.Features()));

        Assert.Equal(ModelFailure.Unavailable, failure.Failure);
        Assert.Contains("jam at station 4", failure.Message, StringComparison.Ordinal);
        Assert.False(model.Asked.IsCompleted);
        Assert.Equal(1, guard.Stopped);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ZeroOrNegativeBudget_OtherThanNoBudget_IsRefused(int milliseconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EdgeModelGuard(new GatedModel(), () => null, TimeSpan.FromMilliseconds(milliseconds), new ManualTimeProvider()));
}
