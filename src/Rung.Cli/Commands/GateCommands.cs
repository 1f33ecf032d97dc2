using System.CommandLine;
using Rung.Core.UseCases;
using Rung.Gates;
using Rung.Gates.Approval;
using Rung.Gates.Evaluation;
using Rung.Gates.Readiness;
using Rung.Gates.Reports;
using Rung.Storage.Gates;
using Rung.Storage.Sqlite;
using Rung.UseCases;

namespace Rung.Cli.Commands;

/// <summary><c>rung gate</c>: evaluate the go/no-go gate, write its report, promote on it, and attest what the system cannot know.</summary>
internal static class GateCommands
{
    private static readonly System.Text.Json.JsonSerializerOptions PortfolioJson = new() { WriteIndented = true, PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };

    public static Command Create() => new("gate", "The go/no-go gate above an agent's rung, computed from stored evidence")
    {
        Evaluate(), Report(), Promote(), Attest(), Portfolio(),
    };

    private static Command Evaluate()
    {
        var (data, useCase, agent) = Common();
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("evaluate", "Evaluate the gate now: verdict first, then each criterion (exit 0 pass, 1 fail)") { data, useCase, agent, json };
        command.SetAction((parse, cancellationToken) => WithGateAsync(parse.GetValue(data)!, parse.GetValue(useCase), parse.GetValue(agent), async (store, definition, service) =>
        {
            var report = await service.EvaluateAsync(definition, cancellationToken).ConfigureAwait(false);
            System.Console.Write(parse.GetValue(json) ? GateReportJson.Write(report) + Environment.NewLine : ConsoleText(report));
            return report.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }, cancellationToken));
        return command;
    }

    private static Command Report()
    {
        var (data, useCase, agent) = Common();
        var output = new Option<FileInfo>("--out") { Description = "The report file to write", Required = true };
        var format = new Option<string>("--format") { Description = "html, md or json", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "md", "json");
        var command = new Command("report", "Write the gate report as HTML (charts inline, no script), Markdown or JSON") { data, useCase, agent, output, format };
        command.SetAction((parse, cancellationToken) => WithGateAsync(parse.GetValue(data)!, parse.GetValue(useCase), parse.GetValue(agent), async (store, definition, service) =>
        {
            var report = await service.EvaluateAsync(definition, cancellationToken).ConfigureAwait(false);
            var file = parse.GetValue(output)!;
            Directory.CreateDirectory(file.DirectoryName!);
            var text = parse.GetValue(format) switch
            {
                "md" => GateReportMarkdown.Write(report),
                "json" => GateReportJson.Write(report),
                _ => GateReportHtml.Write(report),
            };
            await File.WriteAllTextAsync(file.FullName, text, cancellationToken).ConfigureAwait(false);
            System.Console.WriteLine($"{report.Headline}{Environment.NewLine}Wrote {file.FullName}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Promote()
    {
        var (data, useCase, agent) = Common();
        var by = new Option<string>("--by") { Description = "Your user id: the use case's owner", Required = true };
        var (stdin, env) = (GovernanceCli.PasswordStdin(), GovernanceCli.PasswordEnv());
        var command = new Command("promote", "Promote the agent one rung: needs the passed gate and the owner's electronic signature (user id and password), recorded with the evidence snapshot") { data, useCase, agent, by, stdin, env };
        command.SetAction((parse, cancellationToken) => WithGateAsync(parse.GetValue(data)!, parse.GetValue(useCase), parse.GetValue(agent), async (store, definition, service) =>
        {
            try
            {
                var approval = new SignedPromotionAtTheTerminal(store, parse.GetValue(data)!, definition.Business.Owner, definition.Agent.Scope, parse.GetValue(stdin), parse.GetValue(env));
                var (_, change) = await service.PromoteAsync(definition, approval, parse.GetValue(by)!, cancellationToken).ConfigureAwait(false);
                System.Console.WriteLine($"Promoted {change.AgentId} {change.From} -> {change.To}, approved by {change.Actor}.");
                return ExitCodes.Ok;
            }
            catch (InvalidOperationException ex)
            {
                System.Console.Error.WriteLine(ex.Message);
                return ExitCodes.CheckFailed;
            }
            catch (UnauthorizedAccessException ex)
            {
                System.Console.Error.WriteLine(ex.Message);
                return ExitCodes.BadInput;
            }
        }, cancellationToken));
        return command;
    }

    private static Command Attest()
    {
        var (data, useCase, agent) = Common();
        var item = new Option<string?>("--item") { Description = $"A readiness item ({string.Join(", ", ReadinessChecklist.Items)}) or 'rejections' (rejection reasons reviewed)" };
        var caseId = new Option<string?>("--case") { Description = "A high-severity disagreement to explain" };
        var by = new Option<string>("--by") { Description = "Your user id", Required = true };
        var note = new Option<string>("--note") { Description = "What you attest: the training record, the explanation, the review's finding", Required = true };
        var command = new Command("attest", "Attest, as a named person with today's date, what the system cannot derive") { data, useCase, agent, item, caseId, by, note };
        command.SetAction((parse, cancellationToken) => WithGateAsync(parse.GetValue(data)!, parse.GetValue(useCase), parse.GetValue(agent), async (store, definition, service) =>
        {
            var subject = (parse.GetValue(item), parse.GetValue(caseId)) switch
            {
                ({ } i, null) when i == "rejections" => "review:rejections",
                ({ } i, null) when ReadinessChecklist.Items.Contains(i) => "readiness:" + i,
                (null, { } c) when c.Length > 0 => "case:" + c,
                ({ } i, null) => null,
                _ => string.Empty,
            };
            if (string.IsNullOrEmpty(subject))
            {
                System.Console.Error.WriteLine(subject is null
                    ? $"--item '{parse.GetValue(item)}' is not an item; expected rejections or one of: {string.Join(", ", ReadinessChecklist.Items)}."
                    : "Give exactly one of --item or --case.");
                return ExitCodes.BadInput;
            }

            if (string.IsNullOrWhiteSpace(parse.GetValue(note)))
            {
                System.Console.Error.WriteLine("--note must say what is attested.");
                return ExitCodes.BadInput;
            }

            await store.AppendAttestationAsync(new Attestation(definition.Agent.Id, subject, parse.GetValue(by)!, TimeProvider.System.GetUtcNow(), parse.GetValue(note)!.Trim()), cancellationToken).ConfigureAwait(false);
            System.Console.WriteLine($"Recorded {subject} for {definition.Agent.Id}, attested by {parse.GetValue(by)}.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Portfolio()
    {
        var (data, useCase, _) = Common();
        var command = new Command("portfolio", "Portfolio KPIs across every stored agent: in production per quarter, monitoring, time to production, reuse, adoption by line and shift, stability") { data, useCase };
        command.SetAction((parse, cancellationToken) => WithGateAsync(parse.GetValue(data)!, parse.GetValue(useCase), null, async (store, definition, service) =>
        {
            var now = TimeProvider.System.GetUtcNow();
            var zone = definition.Agent.Calendar.TimeZone;
            var agents = new List<Rung.Gates.Portfolio.PortfolioAgent>();
            foreach (var agent in await store.GetAgentsAsync(cancellationToken).ConfigureAwait(false))
            {
                var history = await store.GetStageHistoryAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
                var alarms = await store.GetAlarmsAsync(agent.AgentId, activeOnly: false, 100_000, cancellationToken).ConfigureAwait(false);
                var cases = await store.GetCaseEvidenceAsync(agent.AgentId, now - TimeSpan.FromDays(28), now, cancellationToken).ConfigureAwait(false);
                var shifts = cases.GroupBy(c => Rung.Gates.Portfolio.PortfolioCalculator.ShiftOf(TimeZoneInfo.ConvertTime(c.OccurredAt, zone).Hour), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                agents.Add(new(agent, history, alarms, shifts, TemplateOf(agent.DefinitionJson)));
            }

            var kpis = Rung.Gates.Portfolio.PortfolioCalculator.Compute(agents, now);
            System.Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(kpis, PortfolioJson));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    // A definition may name the template or data contract it was built from; older ones do not.
    private static string? TemplateOf(string definitionJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(definitionJson);
        foreach (var name in new[] { "Template", "template", "Contract", "contract" })
        {
            if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }

    private static (Option<DirectoryInfo> Data, Option<FileInfo?> UseCase, Option<string?> Agent) Common() => (
        CommonOptions.Data(),
        new Option<FileInfo?>("--usecase") { Description = "The agent's use-case file; default DIR/usecase.yaml" },
        new Option<string?>("--agent") { Description = "The agent id; default the use case's agent" });

    private static async Task<int> WithGateAsync(DirectoryInfo data, FileInfo? useCaseFile, string? agentId, Func<SqliteRungStore, UseCaseDefinition, GateService, Task<int>> work, CancellationToken cancellationToken)
    {
        var path = useCaseFile?.FullName ?? Path.Combine(data.FullName, "usecase.yaml");
        if (!File.Exists(path))
        {
            System.Console.Error.WriteLine($"No use-case file at {path}. Name it with --usecase.");
            return ExitCodes.BadInput;
        }

        UseCaseDefinition definition;
        try
        {
            definition = UseCaseLoader.LoadFile(path).Definition;
        }
        catch (UseCaseFileException ex)
        {
            System.Console.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        if (agentId is not null && agentId != definition.Agent.Id)
        {
            System.Console.Error.WriteLine($"--agent '{agentId}' is not the agent of {path} ('{definition.Agent.Id}').");
            return ExitCodes.BadInput;
        }

        await using var store = await CommonOptions.OpenExistingAsync(data, cancellationToken).ConfigureAwait(false);
        if (store is null)
        {
            return ExitCodes.BadInput;
        }

        try
        {
            return await work(store, definition, new GateService(store, store, TimeProvider.System)).ConfigureAwait(false);
        }
        catch (KeyNotFoundException ex)
        {
            System.Console.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
    }

    private static string ConsoleText(GateReport report)
    {
        var lines = new List<string> { report.Headline, $"agent {report.AgentId} on {report.Stage}, owner {report.Owner}" };
        lines.AddRange(report.Criteria.Select(c => $"  [{(c.Passed ? "pass" : "FAIL")}] {c.Name}: {c.Summary}{(c.Passed ? "" : $" -> back to {c.ReturnTo}")}"));
        lines.Add(report.Economics.Steps.Count > 0 ? $"  economics: {report.Economics.Steps[^1]}" : "");
        lines.AddRange(report.Readiness.Select(r => $"  readiness {(r.Met ? "ready" : "NOT READY")}: {r.Name} ({r.Source}) {r.Detail}"));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
