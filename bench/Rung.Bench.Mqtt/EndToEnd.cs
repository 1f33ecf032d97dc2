using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rung.Mqtt;
using Rung.Runtime.Agents;
using Rung.Runtime.Plant;
using Rung.Storage.Sqlite;
using Rung.Uns.Mqtt;
using Rung.UseCases;

namespace Rung.Bench.Mqtt;

/// <summary>
/// The whole path through a real broker: a plant client publishes a tag change and the part's trigger; Rung's UNS
/// case source assembles the case, the runtime decides and journals it (SQLite, durable), the MQTT action connector
/// publishes the committed action at QoS 1; a third client sees it on the command topic. Latency is measured one
/// part at a time (closed loop); throughput with a burst of parts published back to back.
/// </summary>
internal static class EndToEnd
{
    private const string Scope = "acme/bench/area/line/cell";
    private const string Yaml = """
        usecase: { id: bench, name: Bench }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: bench, value_per_case: 1, currency: EUR }
        agent:
          id: bench-agent
          scope: acme/bench/area/line/cell
          initial_stage: AutoWithExceptions
          model: { kind: process, version: "bench-1", command: none }
          inputs: [ { name: temp, unit: degC, min: 0, max: 200 } ]
          actions: [ { name: accept, severity: Low }, { name: scrap, severity: Low } ]
          default_action: scrap
          contract:
            tags: [ { feature: temp, tag: acme/bench/area/line/cell/temp, max_age: 1h } ]
            trigger: { tag: acme/bench/area/line/cell/part_done, key: part_id }
        """;

    public static async Task<EndToEndResult> RunAsync(BenchBroker broker, int parts)
    {
        var directory = Directory.CreateTempSubdirectory("rung-e2e-bench-").FullName;
        var url = $"mqtt://127.0.0.1:{broker.Port}";
        var useCase = UseCaseLoader.Load(Yaml, "bench.yaml").Definition;
        await using var store = await SqliteRungStore.OpenAsync(Path.Combine(directory, "rung.db"), TimeProvider.System);
        await using var rung = new MqttClient(MqttClientOptions.FromUrl(url, "rung-e2e"));
        await using var plant = new MqttClient(MqttClientOptions.FromUrl(url, "plant-e2e"));
        await using var consumer = new MqttClient(MqttClientOptions.FromUrl(url, "consumer-e2e"));
        await rung.ConnectAsync();
        await plant.ConnectAsync();
        await consumer.ConnectAsync();
        await consumer.SubscribeAsync(PlantTopics.AllCommands(Scope, "bench-agent"));
        var runtime = await AgentRuntime.StartAsync(useCase, store, new BenchModel(), new MqttActionConnector(rung, Scope), TimeProvider.System);
        var source = new UnsCaseSource(rung, runtime, TimeProvider.System, new UnsCaseSourceOptions { Publisher = new PlantPublisher(new MqttUnsPublisher(rung), Scope, "bench-agent", TimeProvider.System) });
        await source.SubscribeAsync();
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => source.RunAsync(stop.Token));

        var seen = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var arrived = new SemaphoreSlim(0);
        var reading = Task.Run(async () =>
        {
            await foreach (var message in consumer.Messages.ReadAllAsync(stop.Token))
            {
                using var document = JsonDocument.Parse(message.Payload);
                var id = document.RootElement.GetProperty("case_id").GetString()!;
                seen.TryAdd(id, Stopwatch.GetTimestamp());
                arrived.Release();
            }
        });

        var latencies = new List<TimeSpan>(parts);
        for (var i = 0; i < parts; i++)
        {
            var sent = await PublishPartAsync(plant, "l-" + i.ToString(CultureInfo.InvariantCulture), i);
            await WaitAsync(arrived);
            latencies.Add(Stopwatch.GetElapsedTime(sent, seen["l-" + i.ToString(CultureInfo.InvariantCulture)]));
        }

        var burst = parts * 5;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < burst; i++)
        {
            await PublishPartAsync(plant, "b-" + i.ToString(CultureInfo.InvariantCulture), i);
        }

        for (var i = 0; i < burst; i++)
        {
            await WaitAsync(arrived);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        await stop.CancelAsync();
        await Task.WhenAll(loop, reading).ContinueWith(_ => { }, TaskScheduler.Default);
        Directory.Delete(directory, recursive: true);
        latencies.Sort();
        return new EndToEndResult(parts, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1], burst, burst / elapsed.TotalSeconds);
    }

    private static async Task<long> PublishPartAsync(MqttClient plant, string partId, int i)
    {
        var sent = Stopwatch.GetTimestamp();
        var temp = 20 + (i % 50);
        await plant.PublishAsync(Scope + "/temp", Encoding.UTF8.GetBytes(temp.ToString(CultureInfo.InvariantCulture)), MqttQualityOfService.AtLeastOnce);
        await plant.PublishAsync(Scope + "/part_done", Encoding.UTF8.GetBytes($$"""{"part_id": "{{partId}}"}"""), MqttQualityOfService.AtLeastOnce);
        return sent;
    }

    private static async Task WaitAsync(SemaphoreSlim arrived)
    {
        if (!await arrived.WaitAsync(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("no committed action arrived on the command topic within 60 s");
        }
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
