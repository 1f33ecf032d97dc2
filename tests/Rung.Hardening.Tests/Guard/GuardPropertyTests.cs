using Rung.Core.Cases;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Hardening.Tests.Fuzzing;
using Rung.Mqtt.Topics;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Hardening.Tests.Guard;

/// <summary>
/// Whatever a model answers, no committed action breaks a guard, at any stage: the property is checked on the
/// decisions the real <see cref="AgentRuntime"/> returns, on what the SQLite journal holds, and on what the
/// connector delivered.
/// </summary>
public sealed class GuardPropertyTests
{
    private const string Forbidden = "acme/+/+/+/safety/#";
    private static readonly string[] Declared = ["accept", "scrap", "stop_line", "adjust_feed", "hold_for_inspection"];

    private static string Yaml(Stage stage) => $$"""
        usecase: { id: guard-uc, name: Guard property }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: line3-guarded
          scope: acme/dortmund/machining/line3/cell2
          initial_stage: {{stage}}
          model: { kind: process, version: "hostile-1", command: none }
          inputs:
            - { name: x, unit: index, min: 0, max: 10 }
          actions:
            - { name: accept, severity: Low }
            - { name: scrap, severity: Low }
            - { name: stop_line, severity: High }
            - { name: adjust_feed, severity: Low }
            - { name: hold_for_inspection, severity: Low }
          default_action: hold_for_inspection
          guard:
            ranges: [ { action: adjust_feed, min: -10, max: 10 } ]
            rate_limits: [ { action: scrap, max: 2, window: 1h }, { action: adjust_feed, max: 3, window: 1h } ]
            forbidden_targets: [ "{{Forbidden}}" ]
          slo: { window: 1000, accuracy_floor: 0.5, alert_line: 0.4 }
        """;

    [Theory]
    [InlineData(Stage.Shadow)]
    [InlineData(Stage.ApproveEach)]
    [InlineData(Stage.AutoWithExceptions)]
    [InlineData(Stage.ProductionOwned)]
    public async Task DecideAsync_HostileModelOutputs_NoCommittedActionBreaksAGuard(Stage stage)
    {
        var budget = FuzzBudget.For(300);
        using var folder = new TempDirectory();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));
        await using var store = await SqliteRungStore.OpenAsync(folder.File("rung.db"), clock);
        await store.MigrateAsync();
        await using var connector = await JsonLinesActionConnector.OpenAsync(folder.File("actions.jsonl"));
        var random = new Random(budget.Seed + (int)stage);
        var runtime = await AgentRuntime.StartAsync(UseCaseLoader.Load(Yaml(stage), "guard.yaml").Definition, store, new HostileModel(random), connector, clock);
        var committed = new List<(DateTimeOffset At, string Name, string? Target, double? Value)>();
        var decided = 0;
        var sent = 0;
        for (var i = 0; i < budget.Iterations; i += 10)
        {
            // Bursts: ten cases at once, then a few minutes; the rate limits see many proposals inside one window.
            var cases = Enumerable.Range(i, 10).Select(n => new CaseInput($"c{n}", clock.GetUtcNow(), new Dictionary<string, double?> { ["x"] = random.Next(11) })).ToList();
            sent += cases.Count;
            foreach (var (record, _) in await runtime.DecideAsync(cases))
            {
                decided++;
                var stored = await store.GetDecisionAsync(record.Case.CaseId);
                Assert.NotNull(stored);
                Assert.Equal(record.Decision.Disposition, stored.Decision.Disposition);
                if (record.Decision.Disposition == Disposition.Committed)
                {
                    var action = record.Proposal.Action;
                    committed.Add((clock.GetUtcNow(), action.Name, action.Target, action.Value));
                }
            }

            clock.Advance(TimeSpan.FromMinutes(random.Next(1, 20)));
        }

        Assert.Equal(sent, decided);
        foreach (var (at, name, target, value) in committed)
        {
            var what = $"committed {name} on {target ?? "(no target)"} value {value} at {at:O}";
            Assert.Contains(name, Declared);
            Assert.True(target is null || !TopicFilter.MatchesValidated(Forbidden, target), what + ": safety-related target");
            Assert.True(value is null || double.IsFinite(value.Value), what + ": not a finite value");
            Assert.True(name != "adjust_feed" || value is >= -10 and <= 10, what + ": outside the guard's range");
        }

        foreach (var (name, max) in new[] { ("scrap", 2), ("adjust_feed", 3) })
        {
            var times = committed.Where(c => c.Name == name).Select(c => c.At).ToList();
            foreach (var start in times)
            {
                Assert.True(times.Count(t => t >= start && t < start.AddHours(1)) <= max, $"more than {max} {name} committed within an hour from {start:O}");
            }
        }

        if (stage is Stage.Shadow or Stage.ApproveEach)
        {
            Assert.Empty(committed);
        }

        var delivered = File.Exists(folder.File("actions.jsonl")) ? File.ReadAllLines(folder.File("actions.jsonl")).Length : 0;
        Assert.True(delivered <= committed.Count, $"{delivered} actions delivered but only {committed.Count} committed");
    }
}
