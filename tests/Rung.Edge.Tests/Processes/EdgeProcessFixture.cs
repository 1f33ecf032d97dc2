using System.Globalization;
using System.Text;
using Rung.Cli.Tests;
using Rung.Governance.Identity;
using Rung.Storage.Edge;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Edge.Tests.Processes;

/// <summary>
/// A real <c>rung serve</c> over a server folder with the line-3 agent published to edges, a line-3 and a line-4
/// edge token, and an edge folder holding a small process model. Starts and kills <c>rung</c> child processes.
/// </summary>
internal sealed class EdgeProcessFixture : IAsyncDisposable
{
    public const string Line3 = "acme/dortmund/machining/line3";
    public const string Scope = Line3 + "/cell2";
    public const string AgentId = "line3-quality";

    /// <summary>Process tests run one class at a time: each starts servers, edges and model processes on two cores.</summary>
    public const string Collection = "edge processes";
    private readonly TempDirectory _dir = new();
    private RungProcess? _server;

    private EdgeProcessFixture()
    {
        Port = Mqtt.Tests.Infrastructure.MosquittoBroker.FreePort();
    }

    public int Port { get; }

    public string ServerUrl => $"http://127.0.0.1:{Port}";

    public string ServerData => _dir.File("server");

    public string EdgeData => _dir.File("edge");

    public string Line3Token { get; private set; } = "";

    public string Line4Token { get; private set; } = "";

    /// <summary>The line lead's API token: approves drafts, resolves exceptions, posts outcomes on line 3.</summary>
    public string LeadToken { get; private set; } = "";

    public static string UseCaseYaml(string stage = "AutoWithExceptions", string contract = "") => $$"""
        usecase: { id: edge-quality, name: Edge quality }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: {{AgentId}}
          scope: {{Scope}}
          initial_stage: {{stage}}
          model: { kind: process, version: "edge-test-1", command: python3, args: [model.py], timeout: 10s }
          inputs:
            - { name: answer, unit: index, min: 0, max: 4 }
          actions:
            - { name: accept, severity: Medium }
            - { name: scrap, severity: Low }
            - { name: hold_for_inspection, severity: Low }
          default_action: hold_for_inspection
          slo: { window: 1000, accuracy_floor: 0.5, alert_line: 0.4 }
          calendar: { time_zone: Europe/Berlin, working_days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], hours: "00:00-23:59" }
        {{contract}}
        """;

    /// <summary>A model that scraps every part with confidence 0.99 (Low severity: committed on AutoWithExceptions).</summary>
    public const string ModelScript = """
        import json, sys
        for line in sys.stdin:
            request = json.loads(line)
            print(json.dumps({"id": request["id"], "action": "scrap", "confidence": 0.99, "explanation": [], "ood": False}), flush=True)
        """;

    public static async Task<EdgeProcessFixture> CreateAsync(string stage = "AutoWithExceptions", string contract = "")
    {
        var fixture = new EdgeProcessFixture();
        Directory.CreateDirectory(fixture.ServerData);
        Directory.CreateDirectory(fixture.EdgeData);
        await File.WriteAllTextAsync(Path.Combine(fixture.EdgeData, "model.py"), ModelScript);
        var useCase = fixture._dir.File("usecase.yaml");
        await File.WriteAllTextAsync(useCase, UseCaseYaml(stage, contract));
        await using (var store = await SqliteRungStore.OpenAsync(Path.Combine(fixture.ServerData, "rung.db"), TimeProvider.System))
        {
            var identity = new IdentityService(store, store, new StoreSecurityAlarms(store, new IdentityOptions().SecurityOwner), new IdentityOptions(), TimeProvider.System);
            await identity.AddUserAsync("line3.lead", "Line Lead", [Role.Owner], [Line3], "correct horse battery staple 42", "admin");
            fixture.Line3Token = (await identity.CreateTokenAsync("line3-edge", [Role.Operator], [Line3], "admin")).Token;
            fixture.Line4Token = (await identity.CreateTokenAsync("line4-edge", [Role.Operator], ["acme/dortmund/machining/line4"], "admin")).Token;
            fixture.LeadToken = (await identity.CreateTokenAsync("line3-lead-api", [Role.Owner], [Line3], "admin")).Token;
        }

        var (code, _, stderr) = await RungProcess.RunAsync("edge", "publish", useCase, "--data", fixture.ServerData, "--by", "line3.lead");
        Assert.True(code == 0, stderr);
        return fixture;
    }

    /// <summary>Writes <paramref name="count"/> cases as JSON lines and returns the file.</summary>
    public string WriteInput(int count, string name = "input.jsonl")
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$$"""{"caseId":"part-{{{i:D6}}}","occurredAt":"2026-03-02T07:00:00Z","features":{"answer":1}}""").Append('\n');
        }

        var path = _dir.File(name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public async Task StartServerAsync()
    {
        _server = RungProcess.Start("serve", "--data", ServerData, "--urls", ServerUrl);
        await WaitForLineAsync(_server, l => l.StartsWith("Rung console at", StringComparison.Ordinal));
    }

    /// <summary>kill -9, as a power cut would.</summary>
    public void KillServer()
    {
        _server?.Kill();
        _server?.Dispose();
        _server = null;
    }

    public RungProcess StartEdge(params string[] extra) =>
        RungProcess.Start(["edge", "run", "--server", ServerUrl, "--token", Line3Token, "--data", EdgeData, "--edge-id", "line3-edge", .. extra]);

    /// <summary>Waits until the process prints a line matching <paramref name="match"/>; fails when it exits first.</summary>
    public static async Task<string> WaitForLineAsync(RungProcess process, Func<string, bool> match)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        try
        {
            return await Task.Run(
                () =>
                {
                    foreach (var line in process.StdoutLines.GetConsumingEnumerable(guard.Token))
                    {
                        seen.Add(line);
                        if (match(line))
                        {
                            return line;
                        }
                    }

                    throw new InvalidOperationException("the process ended first: " + string.Join('\n', seen.TakeLast(10)) + string.Join('\n', process.StderrLines));
                },
                guard.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException("no such line within a minute; last lines: " + string.Join('\n', seen.TakeLast(10)) + string.Join('\n', process.StderrLines));
        }
    }

    /// <summary>Waits for the process to exit; a minute is a hang, not a measurement.</summary>
    public static async Task<int> WaitForExitAsync(RungProcess process)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw new InvalidOperationException("hung; last output: " + string.Join('\n', process.StdoutLines.TakeLast(5)) + string.Join('\n', process.StderrLines));
        }

        return process.ExitCode;
    }

    /// <summary>The progress line's journal head and forwarded sequence.</summary>
    public static (long Journal, long Forwarded) Progress(string line)
    {
        var parts = line.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[5], CultureInfo.InvariantCulture));
    }

    public static async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(string databasePath)
    {
        await using var store = await SqliteRungStore.OpenAsync(databasePath, TimeProvider.System);
        return await store.ReadJournalAsync(0, int.MaxValue);
    }

    public static async Task<IReadOnlyList<StopEvent>> ReadStopsAsync(string databasePath)
    {
        await using var store = await SqliteRungStore.OpenAsync(databasePath, TimeProvider.System);
        return await store.GetStopsAsync(0);
    }

    public string EdgeJournal => Path.Combine(EdgeData, "edge.db");

    public string ServerDatabase => Path.Combine(ServerData, "rung.db");

    public ValueTask DisposeAsync()
    {
        KillServer();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
