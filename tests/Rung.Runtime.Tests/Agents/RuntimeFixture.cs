using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Runtime.Tests.Agents;

/// <summary>A real SQLite journal and a real actions file in a temp folder, a scripted model and a manual clock.</summary>
internal sealed class RuntimeFixture : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    public ScriptedModel Model { get; } = new();

    public SqliteRungStore Store { get; private set; } = null!;

    public JsonLinesActionConnector Connector { get; private set; } = null!;

    public string ActionsPath => _dir.File("actions.jsonl");

    public string DatabasePath => _dir.File("rung.db");

    public static string UseCaseYaml(Stage stage, string extra = "") => $$"""
        usecase: { id: test-quality, name: Test quality }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: line3-quality
          scope: acme/dortmund/machining/line3/cell2
          initial_stage: {{stage}}
          model: { kind: process, version: "scripted-1", command: none }
          inputs:
            - { name: answer, unit: index, min: 0, max: 4 }
            - { name: confidence, unit: "1", min: 0, max: 1, required: false }
            - { name: ood, unit: "1", min: 0, max: 1, required: false }
            - { name: fail, unit: "1", min: 0, max: 1, required: false }
            - { name: value, unit: "%", min: -100, max: 100, required: false }
            - { name: target, unit: index, min: 0, max: 1, required: false }
          actions:
            - { name: accept, severity: Medium }
            - { name: scrap, severity: Low }
            - { name: stop_line, severity: High }
            - { name: adjust_feed, severity: Medium }
            - { name: hold_for_inspection, severity: Low }
          default_action: hold_for_inspection
          guard:
            ranges: [ { action: adjust_feed, min: -10, max: 10 } ]
            rate_limits: [ { action: scrap, max: 2, window: 1h } ]
            forbidden_targets: [ "acme/+/+/+/safety/#" ]
          slo: { window: 10, accuracy_floor: 0.92, alert_line: 0.9 }
          calendar: { time_zone: Europe/Berlin, working_days: [Mon, Tue, Wed, Thu, Fri], hours: "06:00-14:00" }
          error_severity:
            - { proposed: accept, actual: stop_line, severity: High }
          promotion:
            - { from: Shadow, min_days: 1, min_labelled: 3, min_accuracy: 0.6 }
        {{extra}}
        """;

    public static UseCaseDefinition UseCase(Stage stage) => UseCaseLoader.Load(UseCaseYaml(stage), "test.yaml").Definition;

    public Tests.Monitoring.CollectingChannel Pager { get; } = new();

    /// <summary>Starts the agent with a watch: monitor, alarm center paging <see cref="Pager"/>, daily summaries.</summary>
    public async Task<AgentRuntime> StartWatchedAsync(Stage stage, string monitoringYaml = "", Core.Drift.ReferenceProfile? reference = null)
    {
        await OpenAsync();
        var useCase = UseCaseLoader.Load(UseCaseYaml(stage, monitoringYaml), "test.yaml").Definition;
        var ids = 0;
        var alarms = new AlarmCenter(useCase, Store, new Notifier([Pager]), Clock, () => $"A{++ids}");
        var watch = new AgentWatch(useCase, new AgentMonitor(useCase.Agent, reference), alarms, Store, Clock) { CheckEvery = TimeSpan.Zero };
        return await AgentRuntime.StartAsync(useCase, Store, Model, Connector, Clock, watch);
    }

    private async Task OpenAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        if (Connector is not null)
        {
            await Connector.DisposeAsync();
        }

        Store = await SqliteRungStore.OpenAsync(DatabasePath, Clock);
        Connector = await JsonLinesActionConnector.OpenAsync(ActionsPath);
    }

    public async Task<AgentRuntime> StartAsync(Stage stage = Stage.AutoWithExceptions, IActionConnector? connector = null)
    {
        await OpenAsync();
        return await AgentRuntime.StartAsync(UseCase(stage), Store, Model, connector ?? Connector, Clock);
    }

    public static CaseInput Case(string id, double answer, double confidence = 0.99, double? ood = null, double? fail = null, double? value = null, double? target = null) =>
        new(id, new DateTimeOffset(2026, 3, 2, 6, 59, 0, TimeSpan.Zero), new Dictionary<string, double?>
        {
            ["answer"] = answer,
            ["confidence"] = confidence,
            ["ood"] = ood,
            ["fail"] = fail,
            ["value"] = value,
            ["target"] = target,
        });

    public string[] DeliveredLines() => File.Exists(ActionsPath) ? File.ReadAllLines(ActionsPath) : [];

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Connector.DisposeAsync();
        _dir.Dispose();
    }
}
