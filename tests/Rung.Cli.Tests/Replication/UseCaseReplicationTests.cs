using Rung.Cli.Demo;
using Rung.Core.Cases;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Models;
using Rung.Runtime.Plant;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Cli.Tests.Replication;

/// <summary>
/// <c>rung usecase export</c> then <c>rung usecase instantiate</c> for a second simulated line with other tag names
/// and units, checked against a real Mosquitto; the new agent then decides that line's parts through the real runtime.
/// </summary>
public sealed class UseCaseReplicationTests(ReplicationFixture fixture) : IClassFixture<ReplicationFixture>
{
    [Fact]
    public async Task Instantiate_SecondLine_CreatesAShadowAgentThatDecidesLikeTheTemplateFromTheFirstCase()
    {
        Assert.Contains("Exported 'line3-surface-quality'", fixture.ExportOutput, StringComparison.Ordinal);
        var folder = fixture.NewFolder("ok");
        var data = Path.Combine(folder, "data");

        var (code, stdout, stderr) = await RungProcess.RunAsync(
            "usecase", "instantiate", fixture.TemplatePath, "--site", "koeln", "--line", "line5",
            "--mapping", ReplicationFixture.WriteMapping(folder, DemoReplication.Mapping), "--broker", fixture.BrokerUrl, "--seconds", "2", "--data", data, "--by", "ml.engineer");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("Created agent line5-quality on acme/koeln/machining/line5/cell1 at Shadow with the template's champion pilot-1.0", stdout, StringComparison.Ordinal);
        Assert.Contains("= ", stdout, StringComparison.Ordinal);
        var instance = UseCaseLoader.LoadFile(Path.Combine(data, "line5-quality.usecase.yaml")).Definition;
        var source = UseCaseLoader.LoadFile(Path.Combine(fixture.DemoFolder, "usecase.contract.yaml")).Definition;
        Assert.Equal(source.Agent.Slo, instance.Agent.Slo);
        Assert.Equal(source.Gates, instance.Gates);

        var time = new ManualTimeProvider(fixture.Parts[0].ProducedAt);
        await using var store = await SqliteRungStore.OpenAsync(Path.Combine(data, "rung.db"), time);
        var created = Assert.Single(await store.GetTemplateInstancesAsync());
        Assert.Equal(("line5-quality", "line3-surface-quality", "koeln", "line5"), (created.AgentId, created.TemplateId, created.Site, created.Line));

        // The second line's parts travel through the broker in its own units; the runtime's contract converts them.
        await using var model = await ModelFactory.CreateAsync(instance.Agent, data, time);
        await using var champion = await ModelFactory.CreateAsync(source.Agent, fixture.DemoFolder, time);
        await using var connector = await JsonLinesActionConnector.OpenAsync(Path.Combine(data, "actions.jsonl"));
        var agent = await AgentRuntime.StartAsync(instance, store, model, connector, time);
        Assert.Equal(Stage.Shadow, agent.Stage);
        await using var line = await fixture.ConnectAsync("koeln-line5");
        await using var rung = await fixture.ConnectAsync("rung");
        var expected = fixture.Parts.Skip(1).ToList();
        var decided = new Dictionary<string, DecisionRecord>(StringComparer.Ordinal);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source2 = new UnsCaseSource(rung, agent, time);
        source2.Decided += (_, records) =>
        {
            lock (decided)
            {
                foreach (var r in records)
                {
                    decided[r.Case.CaseId] = r;
                }

                if (expected.All(p => decided.ContainsKey(p.PartId)))
                {
                    all.TrySetResult();
                }
            }
        };
        await source2.SubscribeAsync();
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => source2.RunAsync(stop.Token));
        foreach (var part in expected)
        {
            await fixture.PublishAsync(line, part, retain: false);
        }

        await all.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);

        foreach (var part in expected)
        {
            var record = decided[part.PartId];
            var answer = await champion.PredictAsync(new FeatureVector(part.Sensors));
            Assert.Equal(answer.Action.Name, record.Proposal.Action.Name);
            Assert.Equal(Disposition.Logged, record.Decision.Disposition);
            Assert.Equal(part.Sensors["spindle_temp"], record.Case.Features.Values["spindle_temp"], 6);
        }
    }

    [Fact]
    public void Demo_AfterTheMainStory_ReplicatesToLine5AndTheNewAgentAgreesWithTheTemplate()
    {
        var lines = fixture.Demo.Replication!;

        Assert.Contains(lines, l => l.Contains("agent line5-quality created at Shadow with pilot-1.0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("line5-quality starts at Shadow: on line 5's first 40 parts it agrees with the template's champion on 40 of 40 decisions", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Model choice at koeln/line5: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("reused 1 time(s), at dortmund, koeln; 1 of 2 agents (50%) made from a template", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Instantiate_MappingWithAMissingTag_ReportsItAndCreatesNothing()
    {
        var folder = fixture.NewFolder("missing");
        var data = Path.Combine(folder, "data");
        var mapping = DemoReplication.Mapping.Replace("  - { from: \"tool/usage_minutes\", to: \"tool/usage_hours\" }", "", StringComparison.Ordinal);
        Assert.NotEqual(DemoReplication.Mapping, mapping);

        var (code, stdout, _) = await RungProcess.RunAsync(
            "usecase", "instantiate", fixture.TemplatePath, "--site", "koeln", "--line", "line5",
            "--mapping", ReplicationFixture.WriteMapping(folder, mapping), "--broker", fixture.BrokerUrl, "--seconds", "2", "--data", data);

        Assert.Equal(1, code);
        Assert.Contains("acme/koeln/machining/line5/cell1/tool/usage_minutes", stdout, StringComparison.Ordinal);
        Assert.Contains("Missing", stdout, StringComparison.Ordinal);
        Assert.Contains("1 problem(s) in the mapping for koeln/line5: nothing was created.", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Instantiate_UnitMismatch_ReportsItAndCreatesNothing()
    {
        var folder = fixture.NewFolder("unit");
        var data = Path.Combine(folder, "data");
        var mapping = DemoReplication.Mapping.Replace("  spindle_temp: degF\n", "  spindle_temp: K\n", StringComparison.Ordinal);
        Assert.NotEqual(DemoReplication.Mapping, mapping);

        var (code, stdout, _) = await RungProcess.RunAsync(
            "usecase", "instantiate", fixture.TemplatePath, "--site", "koeln", "--line", "line5",
            "--mapping", ReplicationFixture.WriteMapping(folder, mapping), "--broker", fixture.BrokerUrl, "--seconds", "2", "--data", data);

        Assert.Equal(1, code);
        Assert.Contains("WrongUnit", stdout, StringComparison.Ordinal);
        Assert.Contains("publishes in 'degF', the mapping says 'K'", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Instantiate_BadTemplateFiles_GiveErrorsNamingThePlace()
    {
        var folder = fixture.NewFolder("bad");
        var text = await File.ReadAllTextAsync(fixture.TemplatePath);
        var truncated = Path.Combine(folder, "truncated.template.yaml");
        await File.WriteAllTextAsync(truncated, text[..(text.Length / 2)]);
        var unknown = Path.Combine(folder, "unknown.template.yaml");
        await File.WriteAllTextAsync(unknown, text.Replace("\"${owner}\"", "\"${site_owner}\"", StringComparison.Ordinal));
        var mapping = ReplicationFixture.WriteMapping(folder, DemoReplication.Mapping.Replace("  owner: line5.lead\n", "", StringComparison.Ordinal));

        var cut = await RungProcess.RunAsync("usecase", "instantiate", truncated, "--site", "koeln", "--line", "line5", "--mapping", mapping, "--no-namespace-check", "--data", folder);
        var unknownRun = await RungProcess.RunAsync("usecase", "instantiate", unknown, "--site", "koeln", "--line", "line5", "--mapping", mapping, "--no-namespace-check", "--data", folder);
        var missing = await RungProcess.RunAsync("usecase", "instantiate", fixture.TemplatePath, "--site", "koeln", "--line", "line5", "--mapping", mapping, "--no-namespace-check", "--data", folder);

        Assert.Equal(2, cut.ExitCode);
        Assert.Matches(@"truncated\.template\.yaml:\d+:1: the template is cut short", cut.Stderr);
        Assert.Equal(2, unknownRun.ExitCode);
        Assert.Matches(@"unknown\.template\.yaml:\d+:\d+: unknown parameter '\$\{site_owner\}'", unknownRun.Stderr);
        Assert.Equal(2, missing.ExitCode);
        Assert.Matches(@"line3\.template\.yaml:\d+:\d+: parameter 'owner' \(owner\) has no value: give it under values: in .*mapping\.yaml", missing.Stderr);
        Assert.Contains("Nothing was created.", missing.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "rung.db")));
    }
}
