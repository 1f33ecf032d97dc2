using System.Globalization;
using System.Text;
using Rung.Cli.Commands;
using Rung.Core.Cases;
using Rung.Core.UseCases;
using Rung.Gates.Portfolio;
using Rung.Gates.Replication;
using Rung.Models.Softmax;
using Rung.Mqtt;
using Rung.Registry.Gates;
using Rung.Registry.Shadow;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Models;
using Rung.Runtime.Plant;
using Rung.Simulation;
using Rung.Simulation.Parts;
using Rung.Simulation.Pilot;
using Rung.Simulation.Sites;
using Rung.Storage.Sqlite;
using Rung.Uns;
using Rung.Uns.Contracts;
using Rung.UseCases;
using Rung.UseCases.Templates;

namespace Rung.Cli.Demo;

/// <summary>
/// After the main story: the line's use case is exported as a template and made again for line 5 at Köln, whose tags
/// have other names and units. The mapping is checked against what line 5 publishes, the new agent is created at
/// Shadow with the template's champion, decides line 5's first parts through the real runtime (the namespace
/// assembler converts the units), and is compared with what the template's champion decides on the same parts.
/// </summary>
internal static class DemoReplication
{
    /// <summary>The new site's mapping: owners, calendar and figures, and how line 5 names and measures its tags.</summary>
    public const string Mapping = """
        # Line 5 at Köln: cell 1, the bearing temperature and the hall in degF, the feed in in/min, tool usage in hours.
        values:
          owner: line5.lead
          backup_owner: koeln.duty
          governance_reviewer: qa.koeln
          calendar.time_zone: Europe/Berlin
          calendar.working_days: [Mon, Tue, Wed, Thu, Fri]
          calendar.hours: "06:00-22:00"
          calendar.holidays: [2026-12-24, 2026-12-25]
          cost.value_per_case: 0.4
          cost.decisions_per_day: 250
          cost.compute.monthly: 120
          cost.hourly_rate: 52
        units:
          spindle_temp: degF
          ambient_temp: degF
          feed_rate: in/min
          tool_wear: h
        rename:
          - { from: "/cell2", to: "/cell1" }
          - { from: "spindle/temperature", to: "spindle/bearing_temp" }
          - { pattern: "axis/feed_rate$", replace: "axis/feed" }
          - { from: "tool/usage_minutes", to: "tool/usage_hours" }
        """;

    private const int FirstParts = 40;

    /// <summary>Runs the replication; returns the lines the demo prints.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string data, string useCaseWithContract, SqliteRungStore store, TimeProvider clock, long seed, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(data, "replication");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var sourcePath = Path.Combine(data, "usecase.contract.yaml");
        await File.WriteAllTextAsync(sourcePath, useCaseWithContract, cancellationToken).ConfigureAwait(false);
        var source = UseCaseLoader.LoadFile(sourcePath).Definition;
        var template = UseCaseTemplateExporter.ExportFile(sourcePath, Path.Combine(folder, source.Id + ".template.yaml"));
        var mappingPath = Path.Combine(folder, "koeln-line5.mapping.yaml");
        await File.WriteAllTextAsync(mappingPath, Mapping, cancellationToken).ConfigureAwait(false);
        var plan = TemplateInstantiator.Plan(template, TagMappingLoader.LoadFile(mappingPath), "koeln", "line5");
        var lines = new List<string> { $"Exported '{template.Id}' as a template: {template.Parameters.Count} parameters (tags, units, owners, calendar, costs), champion {template.Champion.Version}." };

        var site = SiteLine.KoelnLine5(seed + 5);
        var start = site.Line.Options.Start;
        var parts = site.Line.Produce(start, start.AddDays(7)).Where(p => p.SensorFault is null).Take(FirstParts).ToList();
        var browser = new TagBrowser(clock);
        foreach (var (topic, payload) in parts.SelectMany(Messages))
        {
            await browser.ObserveAsync(new MqttMessage(topic, Encoding.UTF8.GetBytes(payload), Retain: true), clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        var findings = plan.IsUsable ? ReplicationCheck.Run(plan.Definition!.Agent, UseCaseTemplateCommands.Observed(browser)) : plan.Findings;
        if (!plan.IsUsable || findings.Any(f => f.IsProblem))
        {
            lines.Add("The mapping for koeln/line5 has problems; nothing was created: " + string.Join("; ", findings.Where(f => f.IsProblem).Select(f => $"{f.Name} {f.Status}")));
            return lines;
        }

        var instance = plan.Definition!;
        await File.WriteAllTextAsync(Path.Combine(folder, instance.Agent.Id + ".usecase.yaml"), plan.Yaml, cancellationToken).ConfigureAwait(false);
        var record = await UseCaseTemplateCommands.CreateAsync(store, plan, "ml.engineer", clock, cancellationToken).ConfigureAwait(false);
        lines.Add($"Line 5 at Köln: every mapped tag seen in its unit ({findings.Count(f => f.Role == "tag")} tags, {string.Join(", ", findings.Where(f => f.Detail.Contains("for the model", StringComparison.Ordinal)).Select(f => f.Name))} converted); agent {record.AgentId} created at {record.Stage} with {instance.Agent.Model.Version}.");

        await using var model = await ModelFactory.CreateAsync(instance.Agent, folder, clock, cancellationToken).ConfigureAwait(false);
        await using var champion = await ModelFactory.CreateAsync(source.Agent, data, clock, cancellationToken).ConfigureAwait(false);
        await using var connector = await JsonLinesActionConnector.OpenAsync(Path.Combine(data, "actions", instance.Agent.Id + ".jsonl"), cancellationToken).ConfigureAwait(false);
        var agent = await AgentRuntime.StartAsync(instance, store, model, connector, clock, cancellationToken).ConfigureAwait(false);
        var assembler = UnsCaseAssembler.For(instance.Agent);
        var inputs = new List<CaseInput>();
        foreach (var part in parts)
        {
            foreach (var (topic, payload) in Messages(part))
            {
                foreach (var c in assembler.Accept(new UnsMessage(topic, Encoding.UTF8.GetBytes(payload), part.ProducedAt)).Cases)
                {
                    inputs.Add(new CaseInput(c.CaseId, c.OccurredAt, c.Values));
                }
            }
        }

        var decided = await agent.DecideAsync(inputs, cancellationToken).ConfigureAwait(false);
        var agree = 0;
        var shadowCases = new List<ShadowCase>();
        for (var i = 0; i < parts.Count && i < decided.Count; i++)
        {
            var expected = (await champion.PredictAsync(new FeatureVector(parts[i].Sensors), cancellationToken).ConfigureAwait(false)).Action.Name;
            agree += decided[i].Record.Proposal.Action.Name == expected ? 1 : 0;
            shadowCases.Add(new ShadowCase(parts[i].PartId, parts[i].Sensors, parts[i].TrueAction));
        }

        lines.Add($"{record.AgentId} starts at {agent.Stage}: on line 5's first {decided.Count} parts it agrees with the template's champion on {agree} of {parts.Count} decisions.");
        lines.Add("Model choice at koeln/line5: " + (await ChooseModelAsync(instance.Agent, champion, shadowCases, seed, clock, cancellationToken).ConfigureAwait(false)).Reason + ".");
        lines.Add(await PortfolioLineAsync(store, template.Id, cancellationToken).ConfigureAwait(false));
        return lines;
    }

    private static IEnumerable<(string Topic, string Payload)> Messages(SimulatedPart part)
    {
        var site = SiteLine.KoelnLine5(0);
        foreach (var reading in site.Readings(part))
        {
            yield return (reading.Topic, SiteLine.Payload(reading, part));
        }

        yield return (site.TriggerTopic, SiteLine.TriggerPayload(part));
    }

    // A site-specific challenger trained on line 5's own (smaller) history, compared with the shared champion on the
    // site's shadow cases.
    private static async Task<SiteModelVerdict> ChooseModelAsync(AgentDefinition agent, Models.IModelAdapter shared, IReadOnlyList<ShadowCase> cases, long seed, TimeProvider clock, CancellationToken cancellationToken)
    {
        var options = new LineSimulationOptions { Seed = seed + 5, LineId = "K5" };
        var history = PilotDataSet.Generate(seed + 5, 3_000, options);
        var trained = new SoftmaxRegressionTrainer(new SoftmaxTrainingOptions(SensorNames.All) { Seed = (int)((seed + 5) & 0x7FFFFFFF) })
            .Train([.. history.Select(r => r.Sensors)], [.. history.Select(r => r.TrueAction)], cancellationToken);
        await using var challenger = new InProcessModelAdapter(trained, "koeln-line5-1.0");
        return await new SiteModelChoice(agent, new GateOptions(), clock).DecideAsync(shared, challenger, cases, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> PortfolioLineAsync(SqliteRungStore store, string templateId, CancellationToken cancellationToken)
    {
        var agents = new List<PortfolioAgent>();
        foreach (var a in await store.GetAgentsAsync(cancellationToken).ConfigureAwait(false))
        {
            agents.Add(new PortfolioAgent(a, await store.GetStageHistoryAsync(a.AgentId, cancellationToken).ConfigureAwait(false), [], new Dictionary<string, int>(), null));
        }

        var kpis = ReplicationPortfolio.Compute(agents, await store.GetTemplateInstancesAsync(cancellationToken).ConfigureAwait(false));
        var reuse = kpis.Templates.FirstOrDefault(t => t.TemplateId == templateId);
        return string.Create(CultureInfo.InvariantCulture, $"Portfolio: template {templateId} reused {reuse?.Instances ?? 0} time(s), at {string.Join(", ", reuse?.Sites ?? [])}; {kpis.FromTemplate} of {kpis.Agents} agents ({kpis.ReuseShare:0%}) made from a template.");
    }
}
