using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Rung.Core.Policy;
using Rung.Mqtt;
using Rung.Mqtt.Tests.Infrastructure;
using Rung.Runtime.Connectors;
using Rung.Runtime.Plant;

namespace Rung.Edge.Tests.Processes;

/// <summary>Verdicts from the server's API reaching a real edge, outcomes for unforwarded cases, and a broker outage mid-stream.</summary>
[Collection(EdgeProcessFixture.Collection)]
public sealed class EdgeVerdictProcessTests
{
    [Fact]
    public async Task ApprovalThroughTheApi_IsDeliveredByTheEdge_AndAnOutcomeForAnUnforwardedCaseIs409()
    {
        await using var fixture = await EdgeProcessFixture.CreateAsync(stage: "ApproveEach");
        await fixture.StartServerAsync();
        using var edge = fixture.StartEdge("--input", fixture.WriteInput(3));
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("progress:", StringComparison.Ordinal) && EdgeProcessFixture.Progress(l).Forwarded >= 3);

        using var http = new HttpClient { BaseAddress = new Uri(fixture.ServerUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.LeadToken);
        using (var approve = await http.PostAsync($"api/v1/agents/{EdgeProcessFixture.AgentId}/cases/part-000000/approve", Json("{}")))
        {
            Assert.True(approve.IsSuccessStatusCode, await approve.Content.ReadAsStringAsync());
        }

        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("verdict: part-000000 Approval Approved", StringComparison.Ordinal) && l.EndsWith("action delivered", StringComparison.Ordinal));

        using (var early = await http.PostAsync($"api/v1/agents/{EdgeProcessFixture.AgentId}/outcomes", Json("""{"caseId": "part-999999", "correctAction": "scrap"}""")))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("part-999999", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var known = await http.PostAsync($"api/v1/agents/{EdgeProcessFixture.AgentId}/outcomes", Json("""{"caseId": "part-000001", "correctAction": "accept", "source": "QualityResult"}""")))
        {
            Assert.True(known.IsSuccessStatusCode, await known.Content.ReadAsStringAsync());
        }

        edge.Kill();
        fixture.KillServer();
        var actions = await File.ReadAllLinesAsync(Path.Combine(fixture.EdgeData, "actions", EdgeProcessFixture.AgentId + ".jsonl"));
        Assert.Single(actions, a => a.Contains("part-000000", StringComparison.Ordinal));
        Assert.DoesNotContain(actions, a => a.Contains("part-000001", StringComparison.Ordinal));
        var server = await EdgeProcessFixture.ReadJournalAsync(fixture.ServerDatabase);
        Assert.NotNull(Assert.Single(server, e => e.Record.Case.CaseId == "part-000000").DeliveredAt);
    }

    /// <summary>
    /// Mosquitto stopped mid-stream for <c>RUNG_EDGE_OUTAGE_SECONDS</c> (default 30) and started again on its port:
    /// every QoS 1 trigger is decided once, each committed action was delivered inside its validity window or became
    /// an exception item (never both), every command the plant received after its <c>valid_until</c> belongs to an
    /// excepted action; then a stop on the broker's stop topic halts the edge.
    /// </summary>
    [Fact]
    public async Task BrokerStoppedMidStream_NoInputLost_EveryCaseOnce_ActionsDeliveredInTimeOrExcepted()
    {
        var outage = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("RUNG_EDGE_OUTAGE_SECONDS") ?? "30", CultureInfo.InvariantCulture));
        const int Cases = 120;
        const double Validity = 2;
        await using var broker = await MosquittoBroker.StartAsync();
        var cell = EdgeProcessFixture.Scope;
        var contract = $$"""
              contract:
                tags:
                  - { feature: answer, tag: {{cell}}/answer }
                trigger: { tag: {{cell}}/part_done, key: part_id }
            """;
        await using var fixture = await EdgeProcessFixture.CreateAsync(contract: contract);
        await fixture.StartServerAsync();
        await MosquittoClients.PublishLinesAsync(broker.Port, cell + "/answer", 1, ["""{"value": 1}"""], retain: true);
        await using var plant = await CommandRecorder.StartAsync(broker.Port);
        using var edge = fixture.StartEdge("--broker", $"mqtt://127.0.0.1:{broker.Port}", "--action-validity-s", Validity.ToString(CultureInfo.InvariantCulture));
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("Edge line3-edge deciding", StringComparison.Ordinal));

        var publisher = Task.Run(async () =>
        {
            for (var i = 0; i < Cases; i++)
            {
                await PublishWithRetryAsync(broker.Port, cell + "/part_done", $$"""{"part_id": "p-{{i:D4}}"}""");
            }
        });
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("progress:", StringComparison.Ordinal) && EdgeProcessFixture.Progress(l).Journal >= 20);
        await broker.StopAsync();
        await Task.Delay(outage);
        await broker.StartAsync();
        await publisher.WaitAsync(TimeSpan.FromSeconds(90));
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("progress:", StringComparison.Ordinal) && EdgeProcessFixture.Progress(l).Journal >= Cases);

        await MosquittoClients.PublishLinesAsync(broker.Port, "rung/edge/stop", 1, [$$"""{"scope": "{{EdgeProcessFixture.Line3}}", "stopped": true, "actor": "line3.lead", "reason": "tool change"}"""]);
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.Contains("STOPPED", StringComparison.Ordinal));
        edge.Kill();

        var journal = await EdgeProcessFixture.ReadJournalAsync(fixture.EdgeJournal);
        Assert.Equal(Cases, journal.Count);
        Assert.Equal(Enumerable.Range(0, Cases).Select(i => $"p-{i:D4}"), journal.Select(e => e.Record.Case.CaseId).Order(StringComparer.Ordinal));
        var committed = journal.Where(e => e.Record.Decision.Disposition == Disposition.Committed).ToList();
        Assert.True(committed.Count > Cases / 2, $"only {committed.Count} committed");
        // The slacks below cover scheduling on a shared machine (this assembly runs its process tests side by side):
        // they are a fraction of the outage, so a command held through it and sent after it still fails them.
        var slack = TimeSpan.FromSeconds(Math.Min(2, outage.TotalSeconds / 4));
        Assert.All(committed, e => Assert.True(
            e.ActionException is not null || (e.DeliveredAt is { } at && at - e.Record.DecidedAt <= TimeSpan.FromSeconds(Validity) + slack),
            $"{e.Record.Case.CaseId}: delivered {e.DeliveredAt:O}, decided {e.Record.DecidedAt:O}, no exception item"));
        Assert.All(committed, e => Assert.False(e.ActionException is not null && e.DeliveredAt is not null, $"{e.Record.Case.CaseId}: both delivered and excepted"));

        // A command the broker took before its PUBACK was lost may still reach the plant late: it carries valid_until,
        // and its action must be an exception item. The slack covers the path from the broker to this recorder,
        // whose clock is read when its reading task runs, not when the broker forwards.
        var byCase = committed.ToDictionary(e => e.Record.Case.CaseId, StringComparer.Ordinal);
        var received = plant.Received;
        Assert.NotEmpty(received);
        Assert.All(received, r => Assert.NotNull(r.Line.ValidUntil));
        Assert.All(received.Where(r => r.At > r.Line.ValidUntil + (slack / 2)), r => Assert.True(
            byCase.TryGetValue(r.Line.CaseId, out var e) && e.ActionException is not null && e.DeliveredAt is null,
            $"{r.Line.CaseId}: command received {r.At:O}, valid until {r.Line.ValidUntil:O}, but its action is not an exception item"));
        Assert.Contains(await EdgeProcessFixture.ReadStopsAsync(fixture.EdgeJournal), s => s.Stopped && s.Origin == "broker");
    }

    /// <summary>The plant's consumer of the command topic: notes when each command arrived. A clean session, so it
    /// receives only what the broker forwards while it is connected (nothing queued for it while it was away).</summary>
    private sealed class CommandRecorder : IAsyncDisposable
    {
        private readonly MqttClient _client;
        private readonly Task _reading;
        private readonly List<(DateTimeOffset At, ActionLine Line)> _received = [];

        private CommandRecorder(MqttClient client)
        {
            _client = client;
            _reading = Task.Run(async () =>
            {
                await foreach (var message in client.Messages.ReadAllAsync())
                {
                    var at = TimeProvider.System.GetUtcNow();
                    var line = JsonSerializer.Deserialize(message.Payload.Span, ActionLineContext.Default.ActionLine)!;
                    lock (_received)
                    {
                        _received.Add((at, line));
                    }
                }
            });
        }

        public IReadOnlyList<(DateTimeOffset At, ActionLine Line)> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public static async Task<CommandRecorder> StartAsync(int port)
        {
            var client = new MqttClient(new MqttClientOptions
            {
                Host = "127.0.0.1",
                Port = port,
                ClientId = "plant-commands",
                KeepAlive = TimeSpan.FromSeconds(5),
                Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(250) },
            });
            await client.ConnectAsync();
            await client.SubscribeAsync(PlantTopics.AllCommands(EdgeProcessFixture.Scope, EdgeProcessFixture.AgentId), MqttQualityOfService.AtLeastOnce);
            return new CommandRecorder(client);
        }

        public async ValueTask DisposeAsync()
        {
            await _client.DisposeAsync();
            await _reading;
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A QoS 1 publisher that tries again while the broker is down, as a plant's gateway would.</summary>
    private static async Task PublishWithRetryAsync(int port, string topic, string payload)
    {
        var pub = MosquittoBroker.Find("mosquitto_pub", "/usr/bin/mosquitto_pub");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var process = Process.Start(new ProcessStartInfo(pub, ["-p", port.ToString(CultureInfo.InvariantCulture), "-h", "127.0.0.1", "-t", topic, "-q", "1", "-m", payload]) { RedirectStandardError = true })!;
            await process.WaitForExitAsync(deadline.Token);
            if (process.ExitCode == 0)
            {
                return;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
