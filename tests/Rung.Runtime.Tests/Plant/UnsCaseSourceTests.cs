using System.Text.Json;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Mqtt;
using Rung.Mqtt.Tests.Infrastructure;
using Rung.Runtime.Plant;
using static Rung.Runtime.Tests.Plant.PlantFixture;

namespace Rung.Runtime.Tests.Plant;

public sealed class UnsCaseSourceTests
{
    [Fact]
    public async Task Parts_PublishedAsTags_AreDecidedAndEachActionArrivesOnceOnItsCommandTopic()
    {
        await using var f = await PlantFixture.StartAsync();
        using var commands = await MosquittoClients.SubscribeAsync(f.Broker.Port, PlantTopics.AllCommands(Cell, Agent), 1, 3);
        for (var i = 0; i < 3; i++)
        {
            await f.PublishPartAsync(Id(i), answer: 0);
        }

        var lines = await commands.Messages.WaitAsync(TimeSpan.FromSeconds(30));
        var caseIds = lines.Select(l => ReadAction(l, out var topic).GetProperty("case_id").GetString()).ToList();
        Assert.Equal([Id(0), Id(1), Id(2)], caseIds.Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.StartsWith(PlantTopics.Command(Cell, Agent, "accept") + " ", l, StringComparison.Ordinal));
        // The source counts a case once the runtime returned, that is after the action was marked delivered.
        await f.WaitUntilAsync(() => f.Source.Counters.Cases == 3, "three decided cases");
        Assert.Equal(3, f.Connector.Delivered);
        Assert.Empty(await f.Store.GetUndeliveredActionsAsync(Agent, 10));
        Assert.Equal(Disposition.Committed, (await f.Store.GetDecisionAsync(Id(1)))!.Decision.Disposition);
    }

    [Fact]
    public async Task StaleRequiredInput_IsNeverCommittedAutomatically()
    {
        await using var f = await PlantFixture.StartAsync();
        using var proposals = await MosquittoClients.SubscribeAsync(f.Broker.Port, PlantTopics.Proposals(Cell, Agent), 1, 2);
        // max_age is 30 s: a value 60 s older than the trigger is Stale; the model would have said "accept" confidently.
        await f.PublishPartAsync("stale-1", answer: 0, tagAge: TimeSpan.FromSeconds(60));
        await f.PublishPartAsync("fresh-1", answer: 0, at: Start.AddSeconds(90));
        await f.WaitUntilAsync(() => f.Source.Counters.Cases == 2, "two cases");

        var stale = await f.Store.GetDecisionAsync("stale-1");
        Assert.NotNull(stale);
        Assert.NotEqual(Disposition.Committed, stale.Decision.Disposition);
        Assert.Contains(stale.Case.Features.Flags, flag => flag.Feature == "answer" && flag.Blocking);
        Assert.Equal(Disposition.Committed, (await f.Store.GetDecisionAsync("fresh-1"))!.Decision.Disposition);
        Assert.Equal(1, f.Connector.Delivered);

        var published = (await proposals.Messages.WaitAsync(TimeSpan.FromSeconds(30))).Select(l => ReadAction(l, out _)).ToList();
        var staleProposal = Assert.Single(published, p => p.GetProperty("case_id").GetString() == "stale-1");
        Assert.NotEqual("Committed", staleProposal.GetProperty("disposition").GetString());
    }

    [Fact]
    public async Task State_IsRetained_WithStageAndSlo()
    {
        await using var f = await PlantFixture.StartAsync();
        await f.PublishPartAsync(Id(1), answer: 0);
        await f.Plant.PublishAsync("acme/dortmund/machining/line3/qc/result", Json($$"""{"part_id": "{{Id(1)}}", "verdict": "accept"}"""), MqttQualityOfService.AtLeastOnce);
        await f.WaitUntilAsync(() => f.Source.Counters.Outcomes == 1, "the QC outcome");
        await f.Rung.FlushAsync();

        // A subscriber that comes later still gets the state: it is retained.
        using var state = await MosquittoClients.SubscribeAsync(f.Broker.Port, PlantTopics.State(Cell, Agent), 1, 1);
        var line = Assert.Single(await state.Messages.WaitAsync(TimeSpan.FromSeconds(30)));
        var json = ReadAction(line, out var topic);
        Assert.Equal(PlantTopics.State(Cell, Agent), topic);
        Assert.Equal("AutoWithExceptions", json.GetProperty("stage").GetString());
        Assert.Equal(1, json.GetProperty("slo").GetProperty("labelled").GetInt32());
        Assert.Equal(1, json.GetProperty("slo").GetProperty("correct").GetInt32());
    }

    [Fact]
    public async Task BrokerRestartMidStream_NoCommittedActionIsLost_AndEachIsHandedOverOnce()
    {
        const int parts = 40;
        await using var f = await PlantFixture.StartAsync();
        await using var consumer = new MqttClient(f.Options("command-consumer"));
        using var stopReading = new CancellationTokenSource();
        var received = new List<string>();
        await consumer.ConnectAsync();
        await consumer.SubscribeAsync(PlantTopics.AllCommands(Cell, Agent), MqttQualityOfService.AtLeastOnce);
        var reading = Task.Run(async () =>
        {
            await foreach (var message in consumer.Messages.ReadAllAsync(stopReading.Token))
            {
                lock (received)
                {
                    received.Add(JsonDocument.Parse(message.Payload).RootElement.GetProperty("case_id").GetString()!);
                }
            }
        });

        for (var i = 0; i < parts / 2; i++)
        {
            await f.PublishPartAsync(Id(i), answer: 0, at: Start.AddSeconds(i));
        }

        await f.WaitUntilAsync(() => f.Source.Counters.Cases >= 5, "the first cases");
        await f.Broker.StopAsync();
        for (var i = parts / 2; i < parts; i++)
        {
            await f.PublishPartAsync(Id(i), answer: 0, at: Start.AddSeconds(i));
        }

        await f.Broker.StartAsync();
        await f.WaitUntilAsync(() => f.Source.Counters.Cases == parts, $"{parts} decided cases");
        Assert.Equal(parts, f.Connector.Delivered);
        await f.WaitUntilAsync(() => { lock (received) { return received.Count >= parts; } }, $"{parts} actions at the consumer");
        // A marker behind the actions: once it arrives, anything redelivered in between has arrived too.
        await f.Rung.PublishAsync(PlantTopics.Command(Cell, Agent, "accept"), Json("""{"case_id": "marker"}"""), MqttQualityOfService.AtLeastOnce);
        await f.WaitUntilAsync(() => { lock (received) { return received.Contains("marker"); } }, "the marker");

        string[] got;
        lock (received)
        {
            got = [.. received.Where(r => r != "marker")];
        }

        // QoS 1 is at-least-once on the wire: a PUBLISH whose PUBACK died with the broker is sent again, so the
        // consumer may see a case twice and must key on case_id (docs/uns.md). What must hold: nothing lost, the
        // connector handed each action over once, and the journal holds none undelivered.
        Assert.Equal(Enumerable.Range(0, parts).Select(Id), got.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        Assert.Empty(await f.Store.GetUndeliveredActionsAsync(Agent, 100));
        await stopReading.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    [Fact]
    public void SubscriptionFilters_SparkplugTags_SubscribeToTheSparkplugNamespaceOnce()
    {
        var contract = new Core.UseCases.UnsContractDefinition(
            [new("a", "spBv1.0/Plant/Edge1/Spindle/Temp", null, null, null), new("b", "spBv1.0/Plant/Edge1/Spindle/Feed", null, null, null), new("c", "acme/s/a/l/c/x", null, null, null)],
            "acme/s/a/l/c/part_done",
            "part_id",
            new("acme/s/a/l/qc", "part_id", "verdict"),
            [new("work_order", "acme/s/a/l/mes/work_order")]);
        Assert.Equal(["spBv1.0/#", "acme/s/a/l/c/x", "acme/s/a/l/c/part_done", "acme/s/a/l/qc", "acme/s/a/l/mes/work_order"], UnsCaseSource.SubscriptionFilters(contract));
    }

    private static JsonElement ReadAction(string line, out string topic)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        topic = line[..space];
        return JsonDocument.Parse(line[(space + 1)..]).RootElement.Clone();
    }
}
