using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Rung.Core.UseCases;
using Rung.Edge;
using Rung.Edge.Alarms;
using Rung.Edge.Forwarding;
using Rung.Edge.Hosting;
using Rung.Edge.Protocol;
using Rung.Edge.Safety;
using Rung.Mqtt;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Models;
using Rung.Runtime.Plant;
using Rung.Storage.Sqlite;
using Rung.UseCases;

namespace Rung.Cli.Commands;

/// <summary>
/// <c>rung edge run</c>: fetches the zone's configuration (cached in the data folder, so it starts with no server),
/// decides next to the line over a local journal, and in the background forwards the journal, reports its health
/// and follows the stop switch (server, local journal, broker topic).
/// </summary>
internal static class EdgeRunCommand
{
    public static string JournalPath(DirectoryInfo data) => Path.Combine(data.FullName, "edge.db");

    public static Command Create()
    {
        var (server, token, data) = (EdgeCommands.Server(), EdgeCommands.Token(), CommonOptions.Data());
        var broker = new Option<string?>("--broker") { Description = "The line's broker (mqtt://host:port): cases come from each agent's contract, actions go to its command topics, stops from --stop-topic" };
        var input = new Option<FileInfo?>("--input") { Description = "Decide the cases of a JSON-lines file instead ({\"caseId\":..., \"occurredAt\":..., \"features\":{...}} per line)" };
        var rate = new Option<double>("--rate") { Description = "Cases per second read from --input; 0 reads as fast as the edge decides", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Cases per journal append when reading --input", DefaultValueFactory = _ => 50 };
        var edgeId = new Option<string>("--edge-id") { Description = "The edge's name on the server", DefaultValueFactory = _ => Environment.MachineName };
        var exitWhenDone = new Option<bool>("--exit-when-done") { Description = "With --input: exit once every case is decided and forwarded" };
        var budget = new Option<int?>("--model-budget-ms") { Description = "Watchdog budget of one model call; default: the use case's model timeout" };
        var validity = new Option<double>("--action-validity-s") { Description = "How long after its commit an action may still fire", DefaultValueFactory = _ => 30 };
        var stopTopic = new Option<string>("--stop-topic") { Description = "The broker topic of local stops", DefaultValueFactory = _ => EdgeStopTopic.DefaultTopic };
        var serverKey = new Option<FileInfo?>("--server-key") { Description = "The server's model-signing public key (PEM), pinned in DIR/keys; default: pinned at the first contact with the server" };
        var modelFailures = new Option<int>("--model-failures") { Description = "Failed or timed-out model calls in a row that replace a signed model by the last known-good cached version", DefaultValueFactory = _ => 5 };
        var configPoll = new Option<int>("--config-poll-ms") { Description = "How often the running edge asks the server for stage changes and new signed champions", DefaultValueFactory = _ => 2000 };
        var command = new Command("run", "Run the zone's agents next to the line: local journal first, then action; forward to the server when it is there")
        {
            server, token, data, broker, input, rate, batch, edgeId, exitWhenDone, budget, validity, stopTopic, serverKey, modelFailures, configPoll,
        };
        command.SetAction((parse, ct) => GovernanceCli.RunAsync(() => EdgeCommands.ServerUri(parse.GetValue(server), out var bad) is var uri && bad ? Task.FromResult(ExitCodes.BadInput) : RunAsync(
            new Settings(uri, EdgeCommands.TokenOrEnvironment(parse.GetValue(token)), parse.GetValue(data)!, parse.GetValue(broker), parse.GetValue(input), parse.GetValue(rate),
                parse.GetValue(batch), parse.GetValue(exitWhenDone), parse.GetValue(stopTopic)!, parse.GetValue(serverKey)),
            new EdgeOptions { EdgeId = parse.GetValue(edgeId)!, ModelBudget = TimeSpan.FromMilliseconds(parse.GetValue(budget) ?? 0), ActionValidity = TimeSpan.FromSeconds(parse.GetValue(validity)), ModelFailureLimit = parse.GetValue(modelFailures), ConfigPoll = TimeSpan.FromMilliseconds(parse.GetValue(configPoll)) },
            ct)));
        return command;
    }

    private static async Task<int> RunAsync(Settings settings, EdgeOptions options, CancellationToken ct)
    {
        if (settings.Server is not null && string.IsNullOrWhiteSpace(settings.Token))
        {
            Console.Error.WriteLine($"--server needs --token (or ${EdgeCommands.TokenEnvironment}).");
            return ExitCodes.BadInput;
        }

        if (options.ModelFailureLimit < 1)
        {
            Console.Error.WriteLine("--model-failures must be at least 1.");
            return ExitCodes.BadInput;
        }

        if (options.ConfigPoll <= TimeSpan.Zero)
        {
            Console.Error.WriteLine("--config-poll-ms must be positive.");
            return ExitCodes.BadInput;
        }

        if (settings.Input is { Exists: false })
        {
            Console.Error.WriteLine($"--input: no file {settings.Input.FullName}.");
            return ExitCodes.BadInput;
        }

        var time = TimeProvider.System;
        var folder = settings.Data;
        folder.Create();
        if (await ConduitChecks.EdgeAsync(folder, options.EdgeId, settings.Server, settings.Broker, ct).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        using var server = settings.Server is null ? null : new EdgeHttpServer(settings.Server, settings.Token!, TimeSpan.FromSeconds(5));
        var configs = await ConfigurationAsync(server, folder, time, ct).ConfigureAwait(false);
        if (configs is null)
        {
            return ExitCodes.CheckFailed;
        }

        await using var journal = await SqliteRungStore.OpenAsync(JournalPath(folder), time, ct).ConfigureAwait(false);
        var forwarder = server is null ? null : new EdgeForwarder(journal, server, options, time);
        var stops = new StopSwitch();
        stops.Changed += (_, e) => Console.WriteLine($"stop switch: {e.Scope} {(e.Stopped ? "STOPPED" : "resumed")} by {e.Actor} ({e.Origin}): {e.Reason}");
        var feed = new EdgeStopFeed(journal, server, stops, time);
        var alarmStops = new EdgeAlarmStops(journal, feed, stops);
        foreach (var config in configs)
        {
            alarmStops.Follow(UseCaseLoader.Load(config.UseCaseYaml, $"{EdgeConfigCache.FileName}:{config.AgentId}").Definition);
        }

        var alarms = new EdgeAlarms(journal, time, Console.WriteLine, alarmStops);
        if (forwarder is not null)
        {
            forwarder.BufferAlarm += (_, on) => EdgeBufferAlarm.Raise(alarms, configs.Select(c => c.AgentId), on, forwarder.Depth, options.BufferBudget, Console.WriteLine);
        }

        EdgeSignedModels signed;
        try
        {
            signed = await EdgeSignedModels.PrepareAsync(folder.FullName, server, settings.ServerKey, [.. configs.Select(c => c.AgentId)], alarms, options.ModelFailureLimit, time, Console.WriteLine, ct).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        using var signedModels = signed;

        await feed.PollOnceAsync(ct).ConfigureAwait(false);

        await using var running = new RunningEdge();
        foreach (var config in configs)
        {
            var definition = UseCaseLoader.Load(config.UseCaseYaml, $"{EdgeConfigCache.FileName}:{config.AgentId}").Definition;
            definition = definition with { Agent = definition.Agent with { InitialStage = config.Stage } };
            await EdgeStageMirror.RecordAsync(journal, config.AgentId, config.Stage, config.Version, options.EdgeId, time, ct).ConfigureAwait(false);
            var model = await signed.OpenAsync(definition.Agent.Id, ct).ConfigureAwait(false) ?? await ModelFactory.CreateAsync(definition.Agent, folder.FullName, time, ct).ConfigureAwait(false);
            MqttClient? client = null;
            IActionConnector connector;
            if (settings.Broker is not null && settings.Input is null)
            {
                client = new MqttClient(MqttClientOptions.FromUrl(settings.Broker, $"rung-edge-{options.EdgeId}-{definition.Agent.Id}") with { CleanSession = false });
                running.Clients.Add(client);
                await client.ConnectAsync(ct).ConfigureAwait(false);
                connector = new MqttActionConnector(client, definition.Agent.Scope);
            }
            else
            {
                connector = await JsonLinesActionConnector.OpenAsync(CommonOptions.ActionsPath(folder, definition.Agent.Id), ct).ConfigureAwait(false);
            }

            var ready = client is null ? (Func<bool>?)null : () => client.State == MqttConnectionState.Connected;
            var agentOptions = options.ModelBudget > TimeSpan.Zero ? options : options with { ModelBudget = definition.Agent.Model.TimeoutOrDefault };
            var agent = await EdgeAgent.StartAsync(definition, journal, model, connector, stops, forwarder, agentOptions, time, ready, ct).ConfigureAwait(false);
            running.Agents.Add(agent);
            if (client is not null)
            {
                var source = new UnsCaseSource(client, agent.Runtime, time, new UnsCaseSourceOptions { Turn = agent.Turn });
                await source.SubscribeAsync(ct).ConfigureAwait(false);
                running.Start(source.RunAsync);
            }
        }

        if (settings.Broker is not null)
        {
            var stopClient = new MqttClient(MqttClientOptions.FromUrl(settings.Broker, $"rung-edge-{options.EdgeId}-stop") with { CleanSession = false });
            running.Clients.Add(stopClient);
            await stopClient.ConnectAsync(ct).ConfigureAwait(false);
            await stopClient.SubscribeAsync(settings.StopTopic, MqttQualityOfService.AtLeastOnce, ct).ConfigureAwait(false);
            running.Start(token => EdgeStopTopic.RunAsync(stopClient, journal, time, p => Console.Error.WriteLine(p), token));
        }

        running.Start(token => feed.RunAsync(options.StopPoll, token));
        var live = server is null ? null : new EdgeLiveFeed(server, server, signed, journal, folder.FullName, running.Agents, options.EdgeId, time, Console.WriteLine);
        if (live is not null)
        {
            running.Start(token => live.RunAsync(options.ConfigPoll, token));
        }

        var alarmForwarder = server is null ? null : new EdgeAlarmForwarder(journal, server, options.EdgeId, time);
        if (forwarder is not null)
        {
            running.Start(token => alarmForwarder!.RunAsync(options.HeartbeatInterval, token));
            await forwarder.RefreshAsync(ct).ConfigureAwait(false);
            running.Start(forwarder.RunAsync);
            running.Start(token => EdgeVerdictLoop.Create(journal, server!, running.Agents, options, time).RunAsync(options.VerdictPoll, token));
            running.Start(token => HeartbeatAsync(server!, journal, forwarder, stops, running, options, time, token));
        }

        running.Start(token => ProgressAsync(journal, forwarder, stops, options, time, token));
        Console.WriteLine($"Edge {options.EdgeId} deciding {string.Join(", ", running.Agents.Select(a => $"{a.Runtime.AgentId} ({a.Runtime.Stage}, model {a.Model.Version})"))} over {JournalPath(folder)}{(server is null ? ", no server" : $", forwarding to {settings.Server}")}.");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            if (settings.Input is not null)
            {
                var decided = await DecideInputAsync(settings, running.Agents, time, stop.Token).ConfigureAwait(false);
                Console.WriteLine($"input done: {decided} cases read");
                if (settings.ExitWhenDone)
                {
                    while (forwarder is not null && (await forwarder.RefreshAsync(stop.Token).ConfigureAwait(false) > 0 || !await alarmForwarder!.IsEmptyAsync(stop.Token).ConfigureAwait(false)))
                    {
                        await Task.Delay(options.ForwardInterval, time, stop.Token).ConfigureAwait(false);
                    }

                    await WriteProgressAsync(journal, forwarder, stops, stop.Token).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }
            }

            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        return ExitCodes.Ok;
    }

    private static readonly TimeSpan MaxConfigWait = TimeSpan.FromSeconds(30);

    private static async Task<IReadOnlyList<EdgeAgentConfig>?> ConfigurationAsync(EdgeHttpServer? server, DirectoryInfo folder, TimeProvider time, CancellationToken ct)
    {
        for (var wait = TimeSpan.FromSeconds(1); server is not null; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxConfigWait.Ticks)))
        {
            try
            {
                var fetched = await server.GetConfigAsync(ct).ConfigureAwait(false);
                if (fetched.Count == 0)
                {
                    Console.Error.WriteLine("The server publishes no agent to this token's zone (`rung edge publish`).");
                    return null;
                }

                await EdgeConfigCache.SaveAsync(folder.FullName, fetched, ct).ConfigureAwait(false);
                return fetched;
            }
            catch (EdgeServerException ex) when (ex.Transient && File.Exists(Path.Combine(folder.FullName, EdgeConfigCache.FileName)))
            {
                Console.WriteLine($"Server away ({ex.Message}); starting from the cached configuration.");
                break;
            }
            catch (EdgeServerException ex) when (ex.Transient)
            {
                // A first start has nothing to decide with: a server that is starting or busy (a timeout, a 5xx) is waited for.
                Console.WriteLine($"Server away ({ex.Message}) and no cached configuration yet; asking again in {wait.TotalSeconds:0}s.");
                await Task.Delay(wait, time, ct).ConfigureAwait(false);
            }
            catch (EdgeServerException ex)
            {
                Console.Error.WriteLine($"The server refused the edge: {ex.Message}");
                return null;
            }
        }

        var cached = await EdgeConfigCache.LoadAsync(folder.FullName, ct).ConfigureAwait(false);
        if (cached is null or { Count: 0 })
        {
            Console.Error.WriteLine($"No cached configuration in {folder.FullName} and no server to fetch it from: run once with --server and --token.");
            return null;
        }

        return cached;
    }

    private static async Task<long> DecideInputAsync(Settings settings, List<EdgeAgent> agents, TimeProvider time, CancellationToken ct)
    {
        var byId = agents.ToDictionary(a => a.Runtime.AgentId, StringComparer.Ordinal);
        var pending = new Dictionary<EdgeAgent, List<CaseInput>>();
        long read = 0;
        var started = time.GetTimestamp();
        var number = 0;
        using var reader = settings.Input!.OpenText();
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (agentId, input) = ParseCase(line, time, $"{settings.Input.Name}:{number}");
            var agent = agentId is null ? agents[0] : byId.GetValueOrDefault(agentId) ?? throw new FormatException($"{settings.Input.Name}:{number}: no agent '{agentId}' on this edge");
            if (!pending.TryGetValue(agent, out var list))
            {
                pending[agent] = list = [];
            }

            list.Add(input);
            read++;
            if (list.Count >= settings.Batch)
            {
                await agent.DecideAsync(list, ct).ConfigureAwait(false);
                list.Clear();
            }

            if (settings.Rate > 0)
            {
                var due = TimeSpan.FromSeconds(read / settings.Rate) - time.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    foreach (var (a, l) in pending.Where(p => p.Value.Count > 0))
                    {
                        await a.DecideAsync(l, ct).ConfigureAwait(false);
                        l.Clear();
                    }

                    await Task.Delay(due, time, ct).ConfigureAwait(false);
                }
            }
        }

        foreach (var (a, l) in pending.Where(p => p.Value.Count > 0))
        {
            await a.DecideAsync(l, ct).ConfigureAwait(false);
        }

        return read;
    }

    private static (string? AgentId, CaseInput Input) ParseCase(string line, TimeProvider time, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var caseId = root.TryGetProperty("caseId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : throw new FormatException("'caseId' is required text");
            var occurred = root.TryGetProperty("occurredAt", out var at) && at.ValueKind == JsonValueKind.String ? at.GetDateTimeOffset() : time.GetUtcNow();
            var values = new Dictionary<string, double?>(StringComparer.Ordinal);
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("'features' must be an object of numbers");
            }

            foreach (var p in features.EnumerateObject())
            {
                values[p.Name] = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetDouble();
            }

            var agentId = root.TryGetProperty("agentId", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            return (agentId, new CaseInput(caseId, occurred, values));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{where}: {ex.Message}", ex);
        }
    }

    private static async Task HeartbeatAsync(EdgeHttpServer server, SqliteRungStore journal, EdgeForwarder forwarder, StopSwitch stops, RunningEdge running, EdgeOptions options, TimeProvider time, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var cursor = await journal.GetForwardedAsync(EdgeForwarder.Target, ct).ConfigureAwait(false);
                var (depth, oldest) = await journal.GetJournalBacklogAsync(cursor, ct).ConfigureAwait(false);
                var now = time.GetUtcNow();
                var models = string.Join(",", running.Agents.Select(a => $"{a.Runtime.AgentId}={a.Model.Version}@{a.Runtime.Stage}"));
                await server.HeartbeatAsync(new EdgeHeartbeat(options.EdgeId, now, depth, oldest is { } o && depth > 0 ? now - o : TimeSpan.Zero, models, stops.AnyStopped), ct).ConfigureAwait(false);
            }
            catch (EdgeServerException)
            {
                // The forwarder reports the server's absence; the next beat tries again.
            }

            await Task.Delay(options.HeartbeatInterval, time, ct).ConfigureAwait(false);
        }
    }

    private static async Task ProgressAsync(SqliteRungStore journal, EdgeForwarder? forwarder, StopSwitch stops, EdgeOptions options, TimeProvider time, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, ct).ConfigureAwait(false);
            await WriteProgressAsync(journal, forwarder, stops, ct).ConfigureAwait(false);
        }
    }

    private static async Task WriteProgressAsync(SqliteRungStore journal, EdgeForwarder? forwarder, StopSwitch stops, CancellationToken ct)
    {
        var head = await journal.GetJournalHeadAsync(ct).ConfigureAwait(false);
        var forwarded = await journal.GetForwardedAsync(EdgeForwarder.Target, ct).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: journal {head}, forwarded to {forwarded}, buffer {head - forwarded}{(forwarder?.LastError is { } e ? $", server away: {e}" : "")}{(stops.AnyStopped ? ", STOPPED" : "")}"));
    }

    private sealed record Settings(Uri? Server, string? Token, DirectoryInfo Data, string? Broker, FileInfo? Input, double Rate, int Batch, bool ExitWhenDone, string StopTopic, FileInfo? ServerKey);

    /// <summary>What the run owns: agents, broker clients and background loops, stopped and released in reverse.</summary>
    private sealed class RunningEdge : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _loops = [];

        public List<EdgeAgent> Agents { get; } = [];

        public List<MqttClient> Clients { get; } = [];

        public void Start(Func<CancellationToken, Task> loop) => _loops.Add(Task.Run(() => loop(_stop.Token)));

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            foreach (var loop in _loops)
            {
                try
                {
                    await loop.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception ex) when (ex is EdgeServerException or IOException or InvalidOperationException)
                {
                    await Console.Error.WriteLineAsync($"edge loop ended: {ex.Message}").ConfigureAwait(false);
                }
            }

            foreach (var agent in Agents)
            {
                await agent.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var client in Clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            _stop.Dispose();
        }
    }
}
