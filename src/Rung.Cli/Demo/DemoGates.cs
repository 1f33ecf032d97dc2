using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Core.Proposals;
using Rung.Core.UseCases;
using Rung.Gates;
using Rung.Gates.Evaluation;
using Rung.Gates.Reports;
using Rung.Runtime.Notifications;
using Rung.Storage.Gates;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Demo;

/// <summary>
/// The demo's part of the go/no-go gate: the owner tests the paging path on the first day, reviews what the gate
/// asks a person to review before the gate decides, and the final report lands in the data folder.
/// </summary>
internal static class DemoGates
{
    /// <summary>The report's file name inside the data folder.</summary>
    public const string ReportFile = "gate-report.html";

    private static readonly TimeSpan OwnerReaction = TimeSpan.FromMinutes(5);

    /// <summary>Raises a test alarm through the pager path; the owner acknowledges and closes it minutes later.</summary>
    public static async Task SendTestPageAsync(SqliteRungStore store, Notifier notifier, UseCaseDefinition useCase, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var owner = useCase.Business.Owner;
        var alarm = TestPage.Create("T0001", useCase.Agent.Id, owner, now);
        await store.SaveAlarmsAsync([alarm], cancellationToken).ConfigureAwait(false);
        await notifier.NotifyAsync(
            new Page(alarm.Id, alarm.AgentId, useCase.Id, TestPage.Rule, PageSeverity.Info, alarm.Title, "A test of the paging path before going live.", alarm.Evidence, alarm.Runbook, owner, PageKind.TestPage, now),
            cancellationToken).ConfigureAwait(false);
        var acknowledged = AlarmBook.Acknowledge(alarm, owner, "test page received", now + OwnerReaction).Alarm;
        var closed = AlarmBook.Resolve(acknowledged, owner, "paging path works", now + OwnerReaction).Alarm;
        await store.SaveAlarmsAsync([closed], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The owner reviews what the gate asks a person to review (high-severity disagreements, rejection reasons) before it decides.</summary>
    public static async Task ReviewAsync(SqliteRungStore store, UseCaseDefinition useCase, GateService service, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = await service.EvaluateAsync(useCase, cancellationToken).ConfigureAwait(false);
        var owner = useCase.Business.Owner;
        var now = clock.GetUtcNow();
        if (report.Criteria.Any(c => c.Id == "shadow.high_severity" && !c.Passed))
        {
            var agent = await store.GetAgentAsync(useCase.Agent.Id, cancellationToken).ConfigureAwait(false);
            var cases = await store.GetCaseEvidenceAsync(useCase.Agent.Id, agent!.StageSince, now, cancellationToken).ConfigureAwait(false);
            var explained = (await store.GetAttestationsAsync(useCase.Agent.Id, cancellationToken).ConfigureAwait(false)).Select(a => a.Subject).ToHashSet(StringComparer.Ordinal);
            foreach (var c in cases.Where(c => c.Stage == Stage.Shadow && c.Correct == false && c.ErrorSeverity == Severity.High && !explained.Contains("case:" + c.CaseId)))
            {
                await store.AppendAttestationAsync(new Attestation(useCase.Agent.Id, "case:" + c.CaseId, owner, now, $"reviewed with QC: proposed {c.ProposedAction}, the line did {c.CorrectAction}; the tool-wear signal was late"), cancellationToken).ConfigureAwait(false);
            }
        }

        if (report.Criteria.Any(c => c.Id == "approve.rejections_reviewed" && !c.Passed))
        {
            await store.AppendAttestationAsync(new Attestation(useCase.Agent.Id, "review:rejections", owner, now, "rejection reasons reviewed with the approvers"), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the gate report of the agent as it ends the run, as HTML, into the data folder.</summary>
    public static async Task<string> WriteReportAsync(SqliteRungStore store, UseCaseDefinition useCase, TimeProvider clock, string data, CancellationToken cancellationToken)
    {
        var report = await new GateService(store, store, clock).EvaluateAsync(useCase, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(data, ReportFile);
        await File.WriteAllTextAsync(path, GateReportHtml.Write(report), cancellationToken).ConfigureAwait(false);
        return path;
    }
}
