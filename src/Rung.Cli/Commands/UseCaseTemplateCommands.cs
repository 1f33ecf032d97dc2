using System.CommandLine;
using System.Text.Json;
using Rung.Core.Ladder;
using Rung.Runtime.Plant;
using Rung.Storage;
using Rung.Storage.Journal;
using Rung.Storage.Replication;
using Rung.Storage.Sqlite;
using Rung.UseCases;
using Rung.UseCases.Templates;
using Spectre.Console;

namespace Rung.Cli.Commands;

/// <summary><c>rung usecase export</c> and <c>rung usecase instantiate</c>: replicate a use case to another line through a template.</summary>
internal static class UseCaseTemplateCommands
{
    /// <summary>Creates the planned instance: its agent at Shadow and the record of its template, in one transaction.</summary>
    public static async Task<AgentRecord> CreateAsync(ITemplateStore store, TemplateInstancePlan plan, string by, TimeProvider time, CancellationToken cancellationToken)
    {
        var definition = plan.Definition ?? throw new InvalidOperationException("The plan has problems; nothing can be created from it.");
        var agent = definition.Agent;
        var now = time.GetUtcNow();
        var summary = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["usecase"] = definition.Id,
            ["name"] = definition.Name,
            ["owner"] = definition.Business.Owner,
            ["model"] = agent.Model.Version,
            ["template"] = plan.Template.Id,
        });
        var initial = new StageChange(agent.Id, Stage.Shadow, Stage.Shadow, StageChangeKind.Initial, now, by, $"made from template {plan.Template.Id} for site {plan.Site}, line {plan.Line}", new Dictionary<string, string> { ["template"] = plan.Template.Id });
        var instance = new TemplateInstance(agent.Id, plan.Template.Id, plan.Template.Champion.Version, plan.Template.ExportedFromAgent, plan.Site, plan.Line, now, by);
        return await store.CreateTemplateInstanceAsync(new AgentRecord(agent.Id, definition.Id, agent.Scope, Stage.Shadow, now, summary), initial, instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the namespace browser saw, as the replication check reads it.</summary>
    public static IReadOnlyList<ObservedTag> Observed(TagBrowser browser) =>
        [.. browser.Topics.Select(t => new ObservedTag(t.Topic, t.Count, t.Unit, t.LastValue))];

    /// <summary><c>rung usecase export FILE [--out TEMPLATE]</c>.</summary>
    public static Command Export()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The use-case YAML file to export" };
        var output = new Option<FileInfo?>("--out") { Description = "The template file to write; default USECASE-ID.template.yaml next to FILE" };
        var command = new Command("export", "Write a use case as a template: data contract, guards, SLO, gates, runbook, business case and champion model, with tags, owners, calendar and costs as parameters") { file, output };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var definition = UseCaseLoader.LoadFile(path.FullName).Definition;
                var target = parse.GetValue(output)?.FullName ?? Path.Combine(path.DirectoryName!, definition.Id + ".template.yaml");
                var template = UseCaseTemplateExporter.ExportFile(path.FullName, target);
                var table = new Table().AddColumns("parameter", "kind", "default", "at this site");
                foreach (var p in template.Parameters)
                {
                    table.AddRow(Markup.Escape(p.Name), p.Kind.ToString(), Markup.Escape(p.Default ?? (p.Kind == TemplateParameterKind.Model ? "(from the template)" : "(must be given)")), Markup.Escape(p.Example ?? ""));
                }

                AnsiConsole.Write(table);
                Console.WriteLine($"Exported '{template.Id}' from agent {template.ExportedFromAgent} with champion {template.Champion.Version} to {target}: {template.Parameters.Count} parameters, {template.Placeholders.Count} places.");
                return ExitCodes.Ok;
            }
            catch (UseCaseFileException ex)
            {
                return Errors(ex);
            }
        });
        return command;
    }

    /// <summary><c>rung usecase instantiate TEMPLATE --site S --line L --mapping FILE --broker URL</c>.</summary>
    public static Command Instantiate()
    {
        var file = new Argument<FileInfo>("TEMPLATE") { Description = "The template file (from rung usecase export)" };
        var site = new Option<string>("--site") { Description = "The new site: the second level of the ISA-95 scope", Required = true };
        var line = new Option<string>("--line") { Description = "The new line: the fourth level of the ISA-95 scope", Required = true };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "The tag mapping: values, tags, units and rename rules for the new site" };
        var broker = new Option<string?>("--broker") { Description = "The new site's broker, mqtt://HOST[:PORT]: every mapped tag is checked there before anything is created" };
        var skipCheck = new Option<bool>("--no-namespace-check") { Description = "Create without checking the namespace (for a line not yet publishing)" };
        var seconds = TagsCommands.Seconds();
        var data = CommonOptions.Data();
        var output = new Option<FileInfo?>("--out") { Description = "The instance's use-case file; default DIR/AGENT-ID.usecase.yaml" };
        var by = new Option<string>("--by") { Description = "Who creates the instance (recorded in the audit trail)", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("instantiate", "Make a use case for a new line from a template: map its tags, check them against the live namespace and report what is missing before anything is created; the new agent starts at Shadow with the template's champion; exit 1 on problems")
        {
            file, site, line, mapping, broker, skipCheck, seconds, data, output, by,
        };
        command.SetAction(async (parse, ct) =>
        {
            TemplateInstancePlan plan;
            try
            {
                var template = UseCaseTemplateLoader.LoadFile(parse.GetValue(file)!.FullName);
                var map = parse.GetValue(mapping) is { } m ? TagMappingLoader.LoadFile(m.FullName) : TagMapping.Empty("(no --mapping)");
                plan = TemplateInstantiator.Plan(template, map, parse.GetValue(site)!, parse.GetValue(line)!);
            }
            catch (UseCaseFileException ex)
            {
                return Errors(ex);
            }

            var findings = plan.Findings.ToList();
            if (plan.IsUsable)
            {
                var contract = plan.Definition!.Agent.Contract;
                if (parse.GetValue(broker) is { } url && contract is not null)
                {
                    var seen = await TagsCommands.CollectAsync(url, UnsCaseSource.SubscriptionFilters(contract), parse.GetValue(seconds), ct).ConfigureAwait(false);
                    if (seen is null)
                    {
                        return ExitCodes.BadInput;
                    }

                    findings.AddRange(ReplicationCheck.Run(plan.Definition.Agent, Observed(seen)));
                }
                else if (!parse.GetValue(skipCheck))
                {
                    Console.Error.WriteLine(contract is null
                        ? "The template has no namespace contract to check; give --no-namespace-check to create the instance anyway."
                        : "Give --broker URL so every mapped tag is checked against the new site's namespace, or --no-namespace-check.");
                    return ExitCodes.BadInput;
                }
            }

            Report(plan, findings);
            var problems = findings.Count(f => f.IsProblem);
            if (problems > 0)
            {
                Console.WriteLine($"{problems} problem(s) in the mapping for {plan.Site}/{plan.Line}: nothing was created.");
                return ExitCodes.CheckFailed;
            }

            var definition = plan.Definition!;
            var dataFolder = parse.GetValue(data)!;
            var target = parse.GetValue(output)?.FullName ?? Path.Combine(dataFolder.FullName, definition.Agent.Id + ".usecase.yaml");
            if (File.Exists(target))
            {
                Console.Error.WriteLine($"{target} exists; choose another --out. Nothing was created.");
                return ExitCodes.BadInput;
            }

            // The file is written aside first and moved into place only once the agent is stored, so a failure leaves neither.
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var pending = target + ".pending";
            await File.WriteAllTextAsync(pending, plan.Yaml, ct).ConfigureAwait(false);
            try
            {
                dataFolder.Create();
                await using var store = await SqliteRungStore.OpenAsync(CommonOptions.DatabasePath(dataFolder), TimeProvider.System, ct).ConfigureAwait(false);
                await CreateAsync(store, plan, parse.GetValue(by)!, TimeProvider.System, ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                File.Delete(pending);
                Console.Error.WriteLine($"{ex.Message} Nothing was created.");
                return ExitCodes.BadInput;
            }
            catch
            {
                File.Delete(pending);
                throw;
            }

            File.Move(pending, target);
            Console.WriteLine($"Created agent {definition.Agent.Id} on {definition.Agent.Scope} at {Stage.Shadow} with the template's champion {definition.Agent.Model.Version}; gates and SLO from template {plan.Template.Id}. Use case: {target}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Report(TemplateInstancePlan plan, List<ReplicationFinding> findings)
    {
        Console.WriteLine($"Template {plan.Template.Id} for site {plan.Site}, line {plan.Line}:");
        var values = new Table().AddColumns("parameter", "value");
        foreach (var (name, value) in plan.Values.Where(kv => !kv.Key.StartsWith("champion.", StringComparison.Ordinal)))
        {
            values.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        AnsiConsole.Write(values);
        if (findings.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("role", "input", "tag", "status", "detail");
        foreach (var f in findings)
        {
            var status = f.IsProblem ? $"[red]{f.Status}[/]" : f.Status == "Seen" ? $"[green]{f.Status}[/]" : f.Status;
            table.AddRow(f.Role, Markup.Escape(f.Name), Markup.Escape(f.Topic), status, Markup.Escape(f.Detail));
        }

        AnsiConsole.Write(table);
    }

    private static int Errors(UseCaseFileException ex)
    {
        foreach (var error in ex.Errors.Count > 0 ? ex.Errors.Select(e => e.ToString()) : [ex.Message])
        {
            Console.Error.WriteLine(error);
        }

        Console.Error.WriteLine($"{Math.Max(1, ex.Errors.Count)} error(s). Nothing was created.");
        return ExitCodes.BadInput;
    }
}
