using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Runtime.Connectors;
using Rung.Storage.Journal;
using Rung.Testing;

namespace Rung.Edge.Tests;

/// <summary>The validity window bounds the connector call itself, not only the wait before it.</summary>
public sealed class DeliveryWindowTests
{
    private static readonly TimeSpan Validity = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_delivery_that_hangs_past_the_window_becomes_an_exception_item_and_is_not_recorded_delivered(bool honoursCancellation)
    {
        var clock = new ManualTimeProvider();
        await using var f = new EdgeFixture { Clock = clock };
        await f.OpenAsync();
        var connector = new HangingConnector(honoursCancellation);
        var agent = await StartAsync(f, connector);

        var deciding = agent.Runtime.DecideAsync([EdgeFixture.Case("h1")]);
        await connector.Called.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(deciding.IsCompleted);
        clock.Advance(Validity);
        await deciding.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(honoursCancellation, connector.Cancelled);
        Assert.Equal((1, 0L), (agent.Actions.Unconfirmed, agent.Actions.Expired));
        var reason = Assert.Single(await f.Edge.GetOpenExceptionsAsync("line3-quality", 10)).Reason;
        Assert.Contains("not confirmed in time", reason, StringComparison.Ordinal);
        Assert.Contains("may have reached the broker", reason, StringComparison.Ordinal);
        Assert.Contains("valid_until 2026-01-05T08:00:30.000Z", reason, StringComparison.Ordinal);
        Assert.Empty(await f.Edge.GetUndeliveredActionsAsync("line3-quality", 10));
        var entry = Assert.Single(await f.Edge.ReadJournalAsync(0, 10));
        Assert.Equal(Disposition.Committed, entry.Record.Decision.Disposition);
        Assert.NotNull(entry.ActionException);
        Assert.Null(entry.DeliveredAt);
    }

    [Fact]
    public async Task A_connector_that_takes_deadlines_is_told_the_end_of_the_window_and_a_confirmed_action_is_delivered()
    {
        var clock = new ManualTimeProvider();
        await using var f = new EdgeFixture { Clock = clock };
        await f.OpenAsync();
        var connector = new DeadlineConnector(confirm: true);
        var agent = await StartAsync(f, connector);

        await agent.Runtime.DecideAsync([EdgeFixture.Case("d1")]);

        var (action, validUntil) = Assert.Single(connector.Calls);
        Assert.Equal(action.CommittedAt + Validity, validUntil);
        Assert.Equal(0, agent.Actions.Unconfirmed);
        Assert.Empty(await f.Edge.GetOpenExceptionsAsync("line3-quality", 10));
        var entry = Assert.Single(await f.Edge.ReadJournalAsync(0, 10));
        Assert.Equal(clock.GetUtcNow(), entry.DeliveredAt);
        Assert.Null(entry.ActionException);
    }

    [Fact]
    public async Task An_action_the_connector_withdrew_at_its_deadline_becomes_an_exception_item()
    {
        var clock = new ManualTimeProvider();
        await using var f = new EdgeFixture { Clock = clock };
        await f.OpenAsync();
        var agent = await StartAsync(f, new DeadlineConnector(confirm: false));

        await agent.Runtime.DecideAsync([EdgeFixture.Case("w1")]);

        Assert.Equal(1, agent.Actions.Unconfirmed);
        Assert.Contains("not confirmed in time", Assert.Single(await f.Edge.GetOpenExceptionsAsync("line3-quality", 10)).Reason, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await f.Edge.ReadJournalAsync(0, 10)).DeliveredAt);
    }

    private static Task<EdgeAgent> StartAsync(EdgeFixture f, IActionConnector connector) =>
        EdgeAgent.StartAsync(EdgeFixture.UseCase(Stage.ProductionOwned), f.Edge, new EdgeFixture.ScriptedModel(), connector, f.Stops, null, new EdgeOptions { ActionValidity = Validity }, f.Clock);

    /// <summary>A connector whose target never answers, as a publish caught by a broker outage.</summary>
    private sealed class HangingConnector(bool honoursCancellation) : IActionConnector
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Cancelled { get; private set; }

        public async ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default)
        {
            Called.TrySetResult();
            var never = new TaskCompletionSource();
            if (!honoursCancellation)
            {
                await never.Task;
            }

            try
            {
                await never.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class DeadlineConnector(bool confirm) : IDeadlineActionConnector
    {
        public List<(PendingAction Action, DateTimeOffset ValidUntil)> Calls { get; } = [];

        public ValueTask<bool> DeliverByAsync(PendingAction action, DateTimeOffset validUntil, CancellationToken cancellationToken = default)
        {
            Calls.Add((action, validUntil));
            return ValueTask.FromResult(confirm);
        }

        public ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the gate must pass the deadline");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
