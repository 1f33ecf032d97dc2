using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Rung.Runtime.Monitoring;
using Rung.Storage.Sqlite;
using Spectre.Console;

namespace Rung.Cli.Commands;

/// <summary><c>rung agent status</c>: what the monitor knows about each agent.</summary>
internal static class AgentCommands
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var agent = new Option<string?>("--agent") { Description = "Only this agent" };
        var status = new Command("status", "Show an agent's live numbers: SLO, accuracy per class and severity, estimated accuracy, approve and exception rates, queue, latency percentiles, throughput, data quality, drift per feature, and its active alarms") { data, agent };
        status.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenExistingAsync(parse.GetValue(data)!, cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var only = parse.GetValue(agent);
            var agents = (await store.GetAgentsAsync(cancellationToken).ConfigureAwait(false)).Where(a => only is null || a.AgentId == only).ToList();
            if (agents.Count == 0)
            {
                Console.Error.WriteLine(only is null ? "No agents in this data folder." : $"No agent '{only}' in this data folder.");
                return ExitCodes.BadInput;
            }

            foreach (var a in agents)
            {
                await ShowAsync(store, a.AgentId, a.Stage.ToString(), cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return new Command("agent", "Look at agents") { status };
    }

    private static async Task ShowAsync(SqliteRungStore store, string agentId, string stage, CancellationToken cancellationToken)
    {
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(agentId)}[/]: {stage}") { Justification = Justify.Left });
        var saved = await store.GetAgentStatusAsync(agentId, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            AnsiConsole.WriteLine("No monitoring snapshot yet: the agent has not run with its watch.");
            return;
        }

        var s = JsonSerializer.Deserialize(saved.Value.Json, MonitorSnapshotContext.Default.MonitorSnapshot)!;
        var numbers = new Table { Title = new TableTitle($"as of {s.At:yyyy-MM-dd HH:mm}Z") }.AddColumns("measure", "value");
        numbers.AddRow("SLO", $"{Pct(s.RollingAccuracy)} over the last {s.Labelled} labelled: {s.SloHealth}");
        numbers.AddRow("estimated accuracy (from calibrated confidence)", Pct(s.EstimatedAccuracy));
        numbers.AddRow("accuracy by proposed action", Markup.Escape(Join(s.AccuracyByClass)));
        numbers.AddRow("accuracy by severity", Markup.Escape(Join(s.AccuracyBySeverity)));
        numbers.AddRow("approve rate", Pct(s.ApproveRate));
        numbers.AddRow("rejection reasons", Markup.Escape(string.Join("; ", s.RejectionReasons.OrderByDescending(r => r.Value).Take(5).Select(r => $"{r.Key} ({r.Value})"))));
        numbers.AddRow("exception rate", Pct(s.ExceptionRate));
        numbers.AddRow("exception queue", $"{s.Queue.Open} open, {s.Queue.AtRisk} at risk, {s.Queue.Overdue} overdue, oldest {s.Queue.OldestAge.TotalHours:0.0} h");
        numbers.AddRow("model failures", Pct(s.ModelFailureRate));
        numbers.AddRow("latency p50 / p95 / p99", $"{Duration(s.LatencyP50Ms)} / {Duration(s.LatencyP95Ms)} / {Duration(s.LatencyP99Ms)}");
        numbers.AddRow("throughput", Invariant($"{s.ThroughputPerMinute:0.0} per minute"));
        numbers.AddRow("concept-drift detections", s.ConceptDriftDetections.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(numbers);

        var drift = new Table { Title = new TableTitle("Drift and data quality per feature") }.AddColumns("feature", "test", "statistic", "p", "PSI", "drifted", "bad values");
        var lines = s.Drift.ToDictionary(d => d.Feature, StringComparer.Ordinal);
        foreach (var feature in s.Drift.Select(d => d.Feature).Union(s.DataQuality.Keys).Order(StringComparer.Ordinal))
        {
            lines.TryGetValue(feature, out var d);
            drift.AddRow(
                Markup.Escape(feature),
                d?.Test ?? "-",
                d is null ? "-" : Invariant($"{d.Statistic:0.000}"),
                d?.PValue is { } p ? Invariant($"{p:0.####}") : "-",
                d is null ? "-" : Invariant($"{d.Psi:0.00}"),
                d is null ? "-" : d.Drifted ? "[red]yes[/]" : "no",
                s.DataQuality.TryGetValue(feature, out var bad) ? Pct(bad) : "-");
        }

        AnsiConsole.Write(drift);
        AnsiConsole.Write(AlarmCommands.Table(await store.GetAlarmsAsync(agentId, activeOnly: true, 100, cancellationToken).ConfigureAwait(false)));
    }

    private static string Join(IReadOnlyDictionary<string, double> values) =>
        values.Count == 0 ? "-" : string.Join(", ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} {Pct(v.Value)}"));

    private static string Duration(double ms) => ms < 0.001 ? "< 1 µs" : ms < 1 ? Invariant($"{ms * 1000:0.0} µs") : Invariant($"{ms:0.00} ms");

    private static string Pct(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
