using System.Globalization;
using System.Text;
using Rung.Core.Ladder;
using Rung.Mqtt;
using Rung.Mqtt.Tests.Infrastructure;
using Rung.Runtime.Agents;
using Rung.Runtime.Plant;
using Rung.Runtime.Tests.Agents;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.Uns.Mqtt;
using Rung.UseCases;

namespace Rung.Runtime.Tests.Plant;

/// <summary>
/// A private Mosquitto, a real SQLite journal, the scripted model, and the agent fed from the namespace by a
/// <see cref="UnsCaseSource"/> running on its own loop; a second client plays the plant.
/// </summary>
internal sealed class PlantFixture : IAsyncDisposable
{
    public const string Cell = "acme/dortmund/machining/line3/cell2";
    public const string AnswerTag = Cell + "/model/answer";
    public const string Trigger = Cell + "/part_done";
    public const string Agent = "line3-quality";

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    private const string Contract = """
          contract:
            tags:
              - { feature: answer, tag: acme/dortmund/machining/line3/cell2/model/answer, max_age: 30s }
            trigger: { tag: acme/dortmund/machining/line3/cell2/part_done, key: part_id }
            outcome: { topic: acme/dortmund/machining/line3/qc/result, key: part_id, field: verdict }
        """;

    private readonly TempDirectory _dir = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    private PlantFixture(MosquittoBroker broker) => Broker = broker;

    public MosquittoBroker Broker { get; }

    public ManualTimeProvider Clock { get; } = new(Start);

    public SqliteRungStore Store { get; private set; } = null!;

    public MqttClient Rung { get; private set; } = null!;

    public MqttClient Plant { get; private set; } = null!;

    public MqttActionConnector Connector { get; private set; } = null!;

    public AgentRuntime Runtime { get; private set; } = null!;

    public UnsCaseSource Source { get; private set; } = null!;

    public string Url => $"mqtt://127.0.0.1:{Broker.Port}";

    public static async Task<PlantFixture> StartAsync(Stage stage = Stage.AutoWithExceptions)
    {
        var fixture = new PlantFixture(await MosquittoBroker.StartAsync());
        await fixture.OpenAsync(stage);
        return fixture;
    }

    private async Task OpenAsync(Stage stage)
    {
        var useCase = UseCaseLoader.Load(RuntimeFixture.UseCaseYaml(stage, Contract), "plant.yaml").Definition;
        Store = await SqliteRungStore.OpenAsync(_dir.File("rung.db"), Clock);
        // Persistent sessions on both ends: a broker restart must not lose what either side had in flight.
        Rung = new MqttClient(Options("rung-test"));
        Plant = new MqttClient(Options("plant-test"));
        await Rung.ConnectAsync();
        await Plant.ConnectAsync();
        Connector = new MqttActionConnector(Rung, Cell);
        Runtime = await AgentRuntime.StartAsync(useCase, Store, new ScriptedModel(), Connector, Clock);
        var publisher = new PlantPublisher(new MqttUnsPublisher(Rung), Cell, Agent, Clock);
        Source = new UnsCaseSource(Rung, Runtime, Clock, new UnsCaseSourceOptions { Publisher = publisher });
        await Source.SubscribeAsync();
        _loop = Task.Run(() => Source.RunAsync(_stop.Token));
    }

    public MqttClientOptions Options(string clientId) =>
        MqttClientOptions.FromUrl(Url, clientId) with { CleanSession = false, Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100) } };

    /// <summary>Publishes one part: its answer tag with a source time <paramref name="tagAge"/> before the trigger, then the trigger.</summary>
    public async Task PublishPartAsync(string partId, int answer, TimeSpan? tagAge = null, DateTimeOffset? at = null)
    {
        var when = at ?? Start;
        var tagTime = when - (tagAge ?? TimeSpan.FromSeconds(1));
        await Plant.PublishAsync(AnswerTag, Json($$"""{"value": {{answer}}, "timestamp": {{tagTime.ToUnixTimeMilliseconds()}}}"""), MqttQualityOfService.AtLeastOnce);
        await Plant.PublishAsync(Trigger, Json($$"""{"part_id": "{{partId}}", "timestamp": {{when.ToUnixTimeMilliseconds()}}}"""), MqttQualityOfService.AtLeastOnce);
    }

    public static ReadOnlyMemory<byte> Json(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Waits for a condition the loop makes true; fails after 30 s naming it, and at once if the loop died.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (_loop is { IsCompleted: true })
            {
                await _loop;
                Assert.Fail($"the case source stopped before {what}");
            }

            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out waiting for {what}; cases {Source.Counters.Cases}, refused {Source.Counters.Refused} ({Source.Counters.LastProblem})");
            }
        }
    }

    public static string Id(int i) => "part-" + i.ToString("D3", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        await Plant.DisposeAsync();
        await Rung.DisposeAsync();
        await Store.DisposeAsync();
        await Broker.DisposeAsync();
        _stop.Dispose();
        _dir.Dispose();
    }
}
