using System.Globalization;
using System.Text;
using Rung.Cli.Tests;
using Rung.Core.Alarms;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Server.Hosting;
using Rung.Storage.Audit;
using Rung.Storage.Postgres;
using Rung.Testing;
using Rung.Testing.Postgres;

namespace Rung.Storage.Tests.Scale;

/// <summary>
/// Two real <c>rung serve</c> processes on one PostgreSQL database and three real <c>rung edge run</c> processes
/// forwarding to them, one of which is moved from the first server to the second mid-run.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ClusterTests : IAsyncLifetime
{
    private const string AgentId = "line3-quality";
    private const string Line3 = "acme/dortmund/machining/line3";
    private const int CasesPerEdge = 300;
    private const string PasswordVariable = "RUNG_CLUSTER_TEST_PASSWORD";
    private readonly TempDirectory _folder = new();
    private PostgresDatabase? _database;

    public async Task InitializeAsync() => _database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("rung_cluster");

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task Every_case_is_stored_once_the_chain_verifies_and_the_escalation_runs_once()
    {
        var connection = _database!.ConnectionString;
        var raisedAt = TimeProvider.System.GetUtcNow().AddHours(-1);
        // The servers share one signing key, as instances of one deployment do; the commands run against the first folder.
        var servers = new[] { Folder("server-a"), Folder("server-b") };
        var setup = servers[0];
        var useCase = Path.Combine(_folder.Path, "line3.yaml");
        await File.WriteAllTextAsync(useCase, UseCaseYaml);

        // The identity and publish commands work on the PostgreSQL store like `rung serve` does (--store).
        Environment.SetEnvironmentVariable(PasswordVariable, "correct horse battery staple 42");
        var added = await RungProcess.RunAsync("user", "add", "line3.lead", "--data", setup, "--store", connection, "--name", "Line Lead", "--roles", "Owner", "--zones", Line3, "--password-env", PasswordVariable, "--by", "admin");
        Assert.True(added.ExitCode == 0, added.Stderr);
        var created = await RungProcess.RunAsync("user", "token", "create", "line3-edges", "--data", setup, "--store", connection, "--roles", "Operator", "--zones", Line3, "--by", "admin");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var token = created.Stdout.Trim().Split('\n')[^1].Trim();
        var published = await RungProcess.RunAsync("edge", "publish", useCase, "--data", setup, "--store", connection, "--by", "line3.lead");
        Assert.True(published.ExitCode == 0, published.Stderr);
        await using (var store = await PostgresRungStore.OpenAsync(connection, TimeProvider.System))
        {
            Assert.Equal("line3.lead", Assert.Single(await store.GetUsersAsync()).UserId);
            // Raised an hour ago and never acknowledged: the first sweep of whichever server holds the lease escalates it.
            await store.SaveAlarmsAsync([new Alarm("A1", AgentId, "slo.alert_line", "slo:accuracy", AlarmSeverity.Warning, "Accuracy below the alert line", new Dictionary<string, string>(), "", "line3.lead", raisedAt)]);
        }

        Directory.CreateDirectory(GovernancePaths.Keys(servers[1]));
        foreach (var keyFile in Directory.GetFiles(GovernancePaths.Keys(servers[0])))
        {
            File.Copy(keyFile, Path.Combine(GovernancePaths.Keys(servers[1]), Path.GetFileName(keyFile)));
        }

        await using var a = await ServeProcess.StartAsync("--data", servers[0], "--store", connection, "--urls", "http://127.0.0.1:0", "--alarm-sweep-seconds", "1");
        await using var b = await ServeProcess.StartAsync("--data", servers[1], "--store", connection, "--urls", "http://127.0.0.1:0", "--alarm-sweep-seconds", "1");

        using var edge1 = StartEdge(a.Address, token, "edge-1", CasesPerEdge, "--exit-when-done");
        using var edge2 = StartEdge(b.Address, token, "edge-2", CasesPerEdge, "--exit-when-done");
        using (var moving = StartEdge(a.Address, token, "edge-3", CasesPerEdge, "--rate", "100"))
        {
            await WaitForLineAsync(moving, l => l.StartsWith("progress:", StringComparison.Ordinal) && Forwarded(l) > 0);
            moving.Kill();
        }

        // The same edge, its journal and input, now pointed at the other server: it forwards its journal there from the start.
        using var moved = StartEdge(b.Address, token, "edge-3", CasesPerEdge, "--exit-when-done");
        foreach (var edge in new[] { edge1, edge2, moved })
        {
            await edge.WaitForExitAsync().WaitAsync(RungProcess.HangGuard);
            if (edge.ExitCode != 0)
            {
                await a.StopAsync();
                await b.StopAsync();
                Assert.Fail(string.Join('\n', edge.StdoutLines.Concat(edge.StderrLines)) + "\nserver a:\n" + await a.ErrorsAsync() + "\nserver b:\n" + await b.ErrorsAsync());
            }
        }

        Assert.Equal(0, await a.StopAsync());
        Assert.Equal(0, await b.StopAsync());

        await using var reopened = await PostgresRungStore.OpenAsync(connection, TimeProvider.System);
        var journal = await reopened.ReadJournalAsync(0, int.MaxValue);
        Assert.Equal(3 * CasesPerEdge, journal.Count);
        Assert.Equal(3 * CasesPerEdge, journal.Select(e => e.Record.Case.CaseId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(CasesPerEdge, journal.Count(e => e.Record.Case.CaseId.StartsWith("edge-3-", StringComparison.Ordinal)));

        var escalations = await reopened.GetAuditEntriesAsync(new AuditQuery(RecordType: "alarm", RecordId: "A1"));
        Assert.Equal(AlarmEscalationSweep.AuditAction, Assert.Single(escalations).Action);
        Assert.Equal("plant.duty", (await reopened.GetAlarmAsync("A1"))?.EscalatedTo);
        var pages = servers.Select(f => Path.Combine(f, "pages.jsonl")).Where(File.Exists).SelectMany(File.ReadAllLines).ToList();
        Assert.Single(pages, p => p.Contains("plant.duty", StringComparison.Ordinal));

        Assert.NotNull(await reopened.GetLeaseAsync("audit.checkpoint"));
        using var key = ServerKey.LoadForVerification(GovernancePaths.Keys(servers[0]));
        Assert.True(File.Exists(GovernancePaths.CheckpointFile(servers[0])));
        foreach (var folder in servers.Where(f => File.Exists(GovernancePaths.CheckpointFile(f))))
        {
            var verification = await AuditVerifier.VerifyAsync(reopened, key, GovernancePaths.CheckpointFile(folder));
            Assert.True(verification.IsValid, verification.Summary);
        }
    }

    private string Folder(string name)
    {
        var folder = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private RungProcess StartEdge(string server, string token, string edgeId, int cases, params string[] extra)
    {
        var data = Path.Combine(_folder.Path, edgeId);
        var input = Path.Combine(_folder.Path, edgeId + ".jsonl");
        if (!Directory.Exists(data))
        {
            Directory.CreateDirectory(data);
            File.WriteAllText(Path.Combine(data, "model.py"), ModelScript);
            var text = new StringBuilder();
            for (var i = 0; i < cases; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $$$"""{"caseId":"{{{edgeId}}}-{{{i:D5}}}","occurredAt":"2026-03-02T07:00:00Z","features":{"answer":1}}""").Append('\n');
            }

            File.WriteAllText(input, text.ToString());
        }

        return RungProcess.Start(["edge", "run", "--server", server, "--token", token, "--data", data, "--edge-id", edgeId, "--input", input, .. extra]);
    }

    private static long Forwarded(string progress) =>
        long.Parse(progress.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)[5], CultureInfo.InvariantCulture);

    private static async Task WaitForLineAsync(RungProcess process, Func<string, bool> match)
    {
        using var guard = new CancellationTokenSource(RungProcess.HangGuard);
        await Task.Run(
            () =>
            {
                foreach (var line in process.StdoutLines.GetConsumingEnumerable(guard.Token))
                {
                    if (match(line))
                    {
                        return;
                    }
                }

                throw new InvalidOperationException("the edge ended first: " + string.Join('\n', process.StderrLines));
            },
            guard.Token);
    }

    private const string ModelScript = """
        import json, sys
        for line in sys.stdin:
            request = json.loads(line)
            print(json.dumps({"id": request["id"], "action": "scrap", "confidence": 0.99, "explanation": [], "ood": False}), flush=True)
        """;

    private const string UseCaseYaml = """
        usecase: { id: edge-quality, name: Edge quality }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: line3-quality
          scope: acme/dortmund/machining/line3/cell2
          initial_stage: Shadow
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
          monitoring:
            backup_owner: plant.duty
            escalate_after: 30m
        """;
}
