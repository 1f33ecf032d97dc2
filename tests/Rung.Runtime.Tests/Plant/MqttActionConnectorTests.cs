using System.Text.Json;
using Rung.Core.Proposals;
using Rung.Mqtt;
using Rung.Mqtt.Tests.Infrastructure;
using Rung.Runtime.Connectors;
using Rung.Runtime.Plant;
using Rung.Storage.Journal;
using Rung.Testing;

namespace Rung.Runtime.Tests.Plant;

/// <summary>The command carries its deadline, and a command past it is withdrawn instead of published late.</summary>
public sealed class MqttActionConnectorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Committed = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task A_command_with_a_deadline_carries_valid_until_and_one_without_leaves_it_out()
    {
        var clock = new ManualTimeProvider(Committed);
        await using var client = await ConnectAsync(clock);
        using var plant = await MosquittoClients.SubscribeAsync(_broker.Port, "acme/line3/rung/line3-quality/commands/#", 1, count: 2);
        var connector = new MqttActionConnector(client, "acme/line3");

        Assert.True(await connector.DeliverByAsync(Action("c1"), Committed.AddSeconds(30)));
        await connector.DeliverAsync([Action("c2")]);

        var lines = (await plant.Messages.WaitAsync(TimeSpan.FromSeconds(20))).Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToList();
        var first = JsonSerializer.Deserialize(lines[0], ActionLineContext.Default.ActionLine)!;
        Assert.Equal(("c1", Committed.AddSeconds(30)), (first.CaseId, first.ValidUntil));
        Assert.Contains("\"valid_until\":\"2026-01-05T08:00:30+00:00\"", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("valid_until", lines[1], StringComparison.Ordinal);
        Assert.Equal((2L, 0L), (connector.Delivered, connector.Withdrawn));
    }

    [Fact]
    public async Task A_command_past_its_deadline_is_withdrawn_and_never_reaches_the_plant()
    {
        var clock = new ManualTimeProvider(Committed);
        await using var client = await ConnectAsync(clock);
        using var plant = await MosquittoClients.SubscribeAsync(_broker.Port, "acme/line3/rung/line3-quality/commands/#", 1, count: 1);
        var connector = new MqttActionConnector(client, "acme/line3");
        clock.Advance(TimeSpan.FromSeconds(31));

        Assert.False(await connector.DeliverByAsync(Action("late"), Committed.AddSeconds(30)));
        Assert.True(await connector.DeliverByAsync(Action("fresh"), clock.GetUtcNow().AddSeconds(30)));

        var line = Assert.Single(await plant.Messages.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("\"case_id\":\"fresh\"", line, StringComparison.Ordinal);
        Assert.Equal((1L, 1L), (connector.Delivered, connector.Withdrawn));
        Assert.Equal(1, client.ExpiredMessages);
    }

    [Fact]
    public void An_old_command_line_without_valid_until_still_reads()
    {
        var line = JsonSerializer.Deserialize("""{"case_id":"c9","agent_id":"a","action":"scrap","target":null,"value":null,"committed_at":"2026-01-05T08:00:00+00:00"}""", ActionLineContext.Default.ActionLine)!;
        Assert.Equal(("c9", (DateTimeOffset?)null), (line.CaseId, line.ValidUntil));
    }

    private static PendingAction Action(string caseId) => new(caseId, "line3-quality", new ProposedAction("scrap", null, null), Committed);

    private async Task<MqttClient> ConnectAsync(TimeProvider clock)
    {
        var client = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = _broker.Port, ClientId = "rung-connector-test", KeepAlive = TimeSpan.Zero }, clock);
        await client.ConnectAsync();
        return client;
    }
}
