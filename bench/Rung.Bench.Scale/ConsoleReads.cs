using Rung.Storage;
using Rung.Storage.Audit;

namespace Rung.Bench.Scale;

/// <summary>
/// Every store read a console page makes, named by page, with the page's own limits: the portfolio, approvals,
/// exceptions and commits pages read every agent; the agent and gate pages read one; the audit page reads a page of the trail
/// and the entries after its verified prefix; the full verification (on demand) reads the whole trail.
/// </summary>
internal static class ConsoleReads
{
    private const int QueueLimit = 200;

    public static IReadOnlyList<(string Name, Func<Task> Read)> For(IRungDataStore store)
    {
        var now = Layout.End;
        var today = now.UtcDateTime.Date;
        var origin = new DateTimeOffset(today.AddDays(-29), TimeSpan.Zero);
        var middle = "c" + (Layout.Agents * 400 + 3);
        return
        [
            ("portfolio (10 agents)", async () =>
            {
                foreach (var agent in await store.GetAgentsAsync())
                {
                    await store.GetAgentStatusAsync(agent.AgentId);
                    await store.GetAlarmsAsync(agent.AgentId, activeOnly: true, QueueLimit);
                    await store.GetPendingApprovalsAsync(agent.AgentId, QueueLimit);
                    await store.GetOpenExceptionsAsync(agent.AgentId, QueueLimit);
                }
            }),
            ("approvals: pending drafts (10 agents)", async () =>
            {
                foreach (var agent in await store.GetAgentsAsync())
                {
                    await store.GetPendingApprovalsAsync(agent.AgentId, QueueLimit);
                }
            }),
            ("exceptions: open items + their cases", async () =>
            {
                foreach (var agent in await store.GetAgentsAsync())
                {
                    foreach (var item in await store.GetOpenExceptionsAsync(agent.AgentId, QueueLimit))
                    {
                        await store.GetDecisionAsync(item.CaseId);
                    }
                }
            }),
            ("commits: recent 50 (10 agents)", async () =>
            {
                foreach (var agent in await store.GetAgentsAsync())
                {
                    await store.GetRecentCommitsAsync(agent.AgentId, 50);
                }
            }),
            ("agent: latest decision", () => store.GetLatestDecisionAsync(Layout.Agent)),
            ("agent: stage history", () => store.GetStageHistoryAsync(Layout.Agent)),
            ("agent: 30 daily trend periods", () => store.GetPeriodStatsAsync(Layout.Agent, origin, TimeSpan.FromDays(1), origin.AddDays(30))),
            ("agent: active alarms", () => store.GetAlarmsAsync(Layout.Agent, activeOnly: true, 100)),
            ("case: one decision by id", () => store.GetDecisionAsync(middle)),
            ("gate: case evidence, 28 days", () => store.GetCaseEvidenceAsync(Layout.Agent, now.AddDays(-28), now.AddTicks(1))),
            ("gate: approval evidence, 28 days", () => store.GetApprovalEvidenceAsync(Layout.Agent, now.AddDays(-28), now.AddTicks(1))),
            ("gate: daily summaries, 366 days", () => store.GetDailySummariesAsync(Layout.Agent, DateOnly.FromDateTime(today).AddDays(-366), DateOnly.FromDateTime(today))),
            ("gate: all alarms", () => store.GetAlarmsAsync(Layout.Agent, activeOnly: false, 100_000)),
            ("audit: head", () => store.GetAuditHeadAsync()),
            ("audit: one record's entries", () => store.GetAuditEntriesAsync(new AuditQuery(RecordType: "case", RecordId: "c" + (Layout.Agents * 100)))),
            ("audit: one person's last day", () => store.GetAuditEntriesAsync(new AuditQuery(Actor: "line.lead", From: now.AddDays(-1)))),
            ("audit: newest page (page default)", () => store.GetAuditPageAsync(AuditQuery.All, AuditPageRequest.Newest)),
            ("audit: older page, mid-trail", async () =>
            {
                var head = await store.GetAuditHeadAsync();
                await store.GetAuditPageAsync(AuditQuery.All, new AuditPageRequest(Before: (head?.Sequence ?? 0) / 2));
            }),
            ("audit: one person's page, last day", () => store.GetAuditPageAsync(new AuditQuery(Actor: "line.lead", From: now.AddDays(-1)), AuditPageRequest.Newest)),
            ("audit: quick check's tail (100 new)", async () =>
            {
                var head = await store.GetAuditHeadAsync();
                await store.GetAuditEntriesAsync(new AuditQuery { FromSequence = (head?.Sequence ?? 0) - 100 });
            }),
            ("audit: whole trail (full verification)", () => store.GetAuditEntriesAsync(AuditQuery.All)),
        ];
    }
}
