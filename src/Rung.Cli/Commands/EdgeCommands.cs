using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rung.Edge.Protocol;
using Rung.Storage.Edge;
using Rung.Storage.Sqlite;
using Rung.UseCases;
using Spectre.Console;

namespace Rung.Cli.Commands;

/// <summary>
/// <c>rung edge</c>: run the decision pipeline next to a line (<c>run</c>), see every edge's health (<c>status</c>),
/// throw the stop switch (<c>stop</c>, <c>resume</c>; on the server, or <c>--local</c> on the edge with the server
/// away) and publish an agent's configuration to edges (<c>publish</c>).
/// </summary>
internal static class EdgeCommands
{
    /// <summary>The environment variable an edge's token may come from instead of <c>--token</c>.</summary>
    public const string TokenEnvironment = "RUNG_EDGE_TOKEN";

    public static Command Create()
    {
        var command = new Command("edge", "Run Rung next to a line (local journal, store and forward, watchdog, stop switch) and manage edges from the server");
        command.Subcommands.Add(EdgeRunCommand.Create());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Switch("stop", stopped: true));
        command.Subcommands.Add(Switch("resume", stopped: false));
        command.Subcommands.Add(Publish());
        return command;
    }

    public static Option<string?> Server() => new("--server") { Description = "The Rung server's root address, e.g. http://127.0.0.1:5080" };

    public static Option<string?> Token() => new("--token") { Description = $"Bearer token bound to the edge's zone (`rung user token create`); default: ${TokenEnvironment}" };

    /// <summary>The server's address, or null (with a message naming the option) when it is not an absolute http(s) address.</summary>
    public static Uri? ServerUri(string? text, out bool bad)
    {
        bad = false;
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        Console.Error.WriteLine($"--server: '{text}' is not an http(s) address such as http://127.0.0.1:5080.");
        bad = true;
        return null;
    }

    public static string? TokenOrEnvironment(string? token) => token ?? Environment.GetEnvironmentVariable(TokenEnvironment);

    private static Command Status()
    {
        var (server, token) = (Server(), Token());
        var json = new Option<bool>("--json") { Description = "Print the server's answer as JSON" };
        var command = new Command("status", "Every edge's health in the token's zone: last heartbeat, forwarding lag, buffer depth, model version, clock skew, stop") { server, token, json };
        command.SetAction(async (parse, ct) =>
        {
            if (Client(parse.GetValue(server), parse.GetValue(token)) is not { } client)
            {
                return ExitCodes.BadInput;
            }

            using (client)
            {
                using var doc = await CallAsync(client, HttpMethod.Get, "api/v1/edges", null, ct).ConfigureAwait(false);
                if (doc is null)
                {
                    return ExitCodes.CheckFailed;
                }

                if (parse.GetValue(json))
                {
                    Console.WriteLine(doc.RootElement.GetRawText());
                    return ExitCodes.Ok;
                }

                var table = new Table().AddColumns("edge", "zone", "last heartbeat", "buffer", "lag (s)", "model", "skew (s)", "stopped");
                foreach (var e in doc.RootElement.GetProperty("edges").EnumerateArray())
                {
                    table.AddRow(
                        Markup.Escape(e.GetProperty("edgeId").GetString()!), Markup.Escape(e.GetProperty("zone").GetString()!), e.GetProperty("lastHeartbeat").GetString()!,
                        e.GetProperty("bufferDepth").GetInt64().ToString(CultureInfo.InvariantCulture), e.GetProperty("forwardingLagSeconds").GetDouble().ToString("0.0", CultureInfo.InvariantCulture),
                        Markup.Escape(e.GetProperty("modelVersion").GetString()!), e.GetProperty("clockSkewSeconds").GetDouble().ToString("0.000", CultureInfo.InvariantCulture),
                        e.GetProperty("stopped").GetBoolean() ? "[red]stopped[/]" : "running");
                }

                AnsiConsole.Write(table);
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Switch(string name, bool stopped)
    {
        var (server, token) = (Server(), Token());
        var scope = new Option<string>("--scope") { Description = "agent:ID, or a zone (a line, a site)", Required = true };
        var reason = GovernanceCli.Reason();
        var local = new Option<bool>("--local") { Description = "Write the switch into the edge's own journal in --data (works with the server unreachable); the running edge obeys it at its next stop poll" };
        var data = CommonOptions.Data();
        var by = new Option<string>("--by") { Description = "Who throws the switch locally (recorded)", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command(
            name,
            stopped
                ? "Stop every AI write of an agent, a line or a site (audited on the server; --local on the edge): cases go to people, no action is committed"
                : "Restart AI writes after a stop: an explicit, recorded decision with its reason")
        {
            server, token, scope, reason, local, data, by,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(local))
            {
                var folder = parse.GetValue(data)!;
                var path = EdgeRunCommand.JournalPath(folder);
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine($"No edge journal at {path}: name the edge's data folder with --data.");
                    return ExitCodes.BadInput;
                }

                await using var journal = await SqliteRungStore.OpenAsync(path, TimeProvider.System, ct).ConfigureAwait(false);
                var stop = await journal.AppendStopAsync(new StopEvent(0, parse.GetValue(scope)!, stopped, TimeProvider.System.GetUtcNow(), parse.GetValue(by)!, parse.GetValue(reason)!, "local"), ct).ConfigureAwait(false);
                Console.WriteLine($"{(stopped ? "Stopped" : "Resumed")} {stop.Scope} on the edge in {folder.FullName} (local event {stop.Id}).");
                return ExitCodes.Ok;
            }

            if (Client(parse.GetValue(server), parse.GetValue(token)) is not { } client)
            {
                return ExitCodes.BadInput;
            }

            using (client)
            {
                var body = new JsonObject { ["scope"] = parse.GetValue(scope), ["stopped"] = stopped, ["reason"] = parse.GetValue(reason) };
                using var doc = await CallAsync(client, HttpMethod.Post, "api/v1/edge/stops", body.ToJsonString(), ct).ConfigureAwait(false);
                if (doc is null)
                {
                    return ExitCodes.CheckFailed;
                }

                Console.WriteLine($"{(stopped ? "Stopped" : "Resumed")} {parse.GetValue(scope)} on the server (event {doc.RootElement.GetProperty("id").GetInt64()}); edges obey within a second.");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Publish()
    {
        var data = CommonOptions.Data();
        var file = new Argument<FileInfo>("USECASE") { Description = "The agent's use-case file" };
        var (by, storeOption) = (GovernanceCli.By(), GovernanceCli.Store());
        var command = new Command("publish", "Publish an agent's use case to the edges whose zone covers its scope (creates the agent on the server at its initial stage)") { file, data, storeOption, by };
        command.SetAction((parse, ct) => GovernanceCli.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            Rung.Core.UseCases.UseCaseDefinition definition;
            try
            {
                definition = UseCaseLoader.LoadFile(path.FullName).Definition;
            }
            catch (UseCaseFileException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return ExitCodes.BadInput;
            }

            await using var store = await GovernanceCli.OpenStoreAsync(parse.GetValue(data)!, parse.GetValue(storeOption), create: false, ct).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var now = TimeProvider.System.GetUtcNow();
            var agent = definition.Agent;
            var version = await store.PublishEdgeConfigAsync(agent.Id, agent.Scope, await File.ReadAllTextAsync(path.FullName, ct).ConfigureAwait(false), now, parse.GetValue(by)!, ct).ConfigureAwait(false);
            await Rung.Edge.Forwarding.EdgeIngest.EnsureAgentAsync(store, new EdgeConfigRecord(agent.Id, agent.Scope, version, string.Empty, now, parse.GetValue(by)!), agent.InitialStage, now, ct).ConfigureAwait(false);
            await store.AppendAuditAsync(new Rung.Storage.Audit.AuditDraft(parse.GetValue(by)!, "edge_config", agent.Id, "publish", null, "v" + version.ToString(CultureInfo.InvariantCulture), "published to edges"), ct).ConfigureAwait(false);
            Console.WriteLine($"Published {agent.Id} (scope {agent.Scope}) to edges as version {version}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static EdgeHttpServer? Client(string? address, string? token)
    {
        token = TokenOrEnvironment(token);
        var server = ServerUri(address, out var bad);
        if (bad)
        {
            return null;
        }

        if (server is null || string.IsNullOrWhiteSpace(token))
        {
            Console.Error.WriteLine($"--server and --token (or ${TokenEnvironment}) are required.");
            return null;
        }

        return new EdgeHttpServer(server, token);
    }

    private static async Task<JsonDocument?> CallAsync(EdgeHttpServer client, HttpMethod method, string path, string? body, CancellationToken ct)
    {
        try
        {
            return await client.SendAsync(method, path, body, ct).ConfigureAwait(false);
        }
        catch (EdgeServerException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return null;
        }
    }
}
