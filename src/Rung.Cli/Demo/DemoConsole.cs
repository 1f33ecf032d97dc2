using System.Globalization;
using Rung.Core.Ladder;
using Rung.Storage.Journal;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Rung.Cli.Demo;

/// <summary>Shows the demo: a live panel on a terminal (plain lines otherwise), then the weekly table and a summary.</summary>
internal static class DemoConsole
{
    private static readonly Stage[] Ladder = [Stage.Shadow, Stage.ApproveEach, Stage.AutoWithExceptions, Stage.ProductionOwned];

    public static async Task RunAsync(DemoSettings settings, int? consolePort, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]Rung demo[/]: a CNC machining line, {settings.Days} simulated days, seed {settings.Seed}, data in {settings.Data.FullName}");
        await using var host = consolePort is { } port ? DemoConsoleHost.Create(settings.Data.FullName, port) : null;
        if (host is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"Console at {host.Address} from day 1 until the demo ends. Sign in as (passwords for this run only, shown once):");
            foreach (var user in host.Users)
            {
                AnsiConsole.MarkupLineInterpolated($"  {user.Role,-9} {user.UserId,-9} password {user.Password}");
            }
        }

        var runner = new DemoRunner(settings, TimeProvider.System);
        var events = new List<string>();
        DemoResult result;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            DemoProgress? latest = null;
            result = await AnsiConsole.Live(new Markup("training the pilot model on the line's history..."))
                .AutoClear(false)
                .StartAsync(async live =>
                {
                    var progress = new SynchronousProgress(p =>
                    {
                        host?.StartOnce(p.Now, cancellationToken);
                        latest = p;
                        events.AddRange(p.Events.Select(e => $"day {p.Day}: {e}"));
                        live.UpdateTarget(Panel(latest, events));
                    });
                    return await runner.RunAsync(progress, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        else
        {
            var progress = new SynchronousProgress(p =>
            {
                host?.StartOnce(p.Now, cancellationToken);
                foreach (var e in p.Events)
                {
                    Console.WriteLine($"day {p.Day,3}: {e}");
                }

                if (p.Day % 7 == 0 || p.Day == p.Days)
                {
                    Console.WriteLine($"day {p.Day,3}/{p.Days}: {p.Stage}, rolling accuracy {Percent(p.Slo.RollingAccuracy)} over {p.Slo.Labelled}, {p.Cases} cases, {p.OpenExceptions} open exceptions, {p.PendingApprovals} drafts waiting");
                }
            });
            result = await runner.RunAsync(progress, cancellationToken).ConfigureAwait(false);
        }

        AnsiConsole.WriteLine();
        AnsiConsole.Write(WeeklyTable(result.Weeks));
        AnsiConsole.Write(HistoryTable(result.History));
        AnsiConsole.Write(AlarmTable(result.Alarms));
        WriteSummary(result);
    }

    private static Panel Panel(DemoProgress p, List<string> events)
    {
        var ladder = string.Join("  >  ", Ladder.Select(s => s == p.Stage ? $"[black on green] {s} [/]" : $"[grey]{s}[/]"));
        var accuracy = p.Slo.RollingAccuracy is { } a
            ? $"{Bar(a)} {Percent(a)} over the last {p.Slo.Labelled} labelled (floor 92 %, alert line 90 %): {p.Slo.Health}"
            : "not enough labels yet";
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]Day {p.Day}/{p.Days}[/]  {p.Now:yyyy-MM-dd}  {Markup.Escape(Bar((double)p.Day / p.Days))}"),
            new Markup(p.Stage is Stage.Paused or Stage.Retired ? p.Stage.ToString() : ladder),
            new Markup(Markup.Escape(accuracy)),
            new Markup($"cases {p.Cases:N0}   open exceptions {p.OpenExceptions}   drafts waiting for an approver {p.PendingApprovals}"),
            new Rule("events") { Justification = Justify.Left },
        };
        rows.AddRange(events.TakeLast(8).Select(e => new Markup(Markup.Escape(e))));
        return new Panel(new Rows(rows)) { Header = new PanelHeader("Rung: line3-quality on a simulated CNC line") };
    }

    private static Table WeeklyTable(IReadOnlyList<PeriodStats> weeks)
    {
        var table = new Table { Title = new TableTitle("Weekly evidence, from the journal") };
        table.AddColumns("week", "from", "cases", "labelled", "accuracy", "approve rate", "exception rate", "mean queue age", "SLA breaches", "stage at end");
        for (var i = 0; i < weeks.Count; i++)
        {
            var w = weeks[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                w.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                w.Cases.ToString(CultureInfo.InvariantCulture),
                w.Labelled.ToString(CultureInfo.InvariantCulture),
                Percent(w.Labelled == 0 ? null : (double)w.Correct / w.Labelled),
                Percent(w.Approvals == 0 ? null : (double)w.Approved / w.Approvals),
                Percent(w.Cases == 0 ? null : (double)w.Excepted / w.Cases),
                w.ExceptionsResolved == 0 ? "-" : $"{w.MeanExceptionAge.TotalHours:0.0} h",
                w.SlaBreaches.ToString(CultureInfo.InvariantCulture),
                w.StageAtEnd.ToString());
        }

        return table;
    }

    private static Table HistoryTable(IReadOnlyList<StageChange> history)
    {
        var table = new Table { Title = new TableTitle("Stage history") };
        table.AddColumns("when (UTC)", "change", "by", "reason");
        foreach (var c in history)
        {
            table.AddRow(
                c.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                c.Kind == StageChangeKind.Initial ? $"start at {c.To}" : $"{c.Kind}: {c.From} -> {c.To}",
                Markup.Escape(c.Actor),
                Markup.Escape(c.Reason));
        }

        return table;
    }

    private static Table AlarmTable(IReadOnlyList<Rung.Core.Alarms.Alarm> alarms)
    {
        var table = new Table { Title = new TableTitle($"Alarms ({alarms.Count})") };
        table.AddColumns("raised (UTC)", "rule", "alarm", "paged", "taken by", "resolved");
        foreach (var a in alarms)
        {
            table.AddRow(
                a.RaisedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Markup.Escape(a.Key),
                Markup.Escape(a.Title),
                Markup.Escape(a.EscalatedTo is null ? a.Owner : $"{a.Owner}, then {a.EscalatedTo}"),
                Markup.Escape(a.AcknowledgedBy ?? "-"),
                Markup.Escape(a.ResolvedAt is { } at ? $"{at:MM-dd HH:mm} by {a.ResolvedBy}" : "open"));
        }

        return table;
    }

    private static void WriteSummary(DemoResult r)
    {
        foreach (var finding in r.DriftFindings)
        {
            AnsiConsole.MarkupLineInterpolated($"Drift after the supplier change: {finding}.");
        }

        var reached = r.History.Any(h => h.To == Stage.ProductionOwned);
        var demotions = r.History.Count(h => h.Kind == StageChangeKind.Demotion);
        AnsiConsole.MarkupLineInterpolated($"Pilot model accuracy on held-out history: {Percent(r.PilotHoldoutAccuracy)}.");
        AnsiConsole.MarkupLineInterpolated($"{r.Cases:N0} cases decided, {r.ActionsDelivered:N0} actions committed and delivered. Reached ProductionOwned: {(reached ? "yes" : "no")}. Automatic demotions: {demotions}. Final stage: {r.History[^1].To}.");
        AnsiConsole.MarkupLineInterpolated($"Journal: {Path.Combine(r.DataFolder, "rung.db")}; actions: {Path.Combine(r.DataFolder, "actions")}; pages: {Path.Combine(r.DataFolder, "pages.jsonl")}; use case, model and reference profile: {r.DataFolder}.");
        AnsiConsole.MarkupLineInterpolated($"Inspect it with: rung status --data {r.DataFolder}");
        foreach (var line in r.Replication ?? [])
        {
            AnsiConsole.MarkupLineInterpolated($"Replication: {line}");
        }
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Bar(double fraction)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * 20);
        return "[" + new string('#', filled) + new string('.', 20 - filled) + "]";
    }

    /// <summary>Reports on the caller's thread, so the console is updated in order and in step with the run.</summary>
    private sealed class SynchronousProgress(Action<DemoProgress> report) : IProgress<DemoProgress>
    {
        public void Report(DemoProgress value) => report(value);
    }
}
