using Rung.Core.Alarms;
using Rung.Core.Exceptions;
using Rung.Core.Policy;
using Rung.Storage.Audit;
using Rung.Storage.Sqlite;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

/// <summary>Exception and alarm actions and their audit entries are one transaction: a failure leaves neither.</summary>
public abstract partial class DataStoreContract
{
    private async Task SeedExceptionAndAlarmAsync()
    {
        await Store.EnsureAgentAsync(Agent(), Initial());
        await Store.AppendDecisionsAsync([Decision("case-900", T0, Disposition.Excepted), Decision("case-901", T0, Disposition.Committed)]);
        await Store.SaveAlarmsAsync([ConsoleAlarm("alarm-1", AgentId)]);
    }

    private static Alarm ConsoleAlarm(string id, string agentId) => new(
        id, agentId, "drift.input", "drift.input:spindle_temp", AlarmSeverity.Warning, "spindle_temp drifted",
        new Dictionary<string, string> { ["psi"] = "0.31" }, "Check the spindle.", "line3.lead", T0);

    private static AuditDraft ExceptionDraft(string caseId, string action) => new("ada", SqliteRungStore.ExceptionAuditType, caseId, action, null, "{}", null);

    private Task<IReadOnlyList<AuditEntry>> ExceptionEntries(string caseId) => Store.GetAuditEntriesAsync(new AuditQuery(SqliteRungStore.ExceptionAuditType, caseId));

    [Fact]
    public async Task ResolveExceptions_FailingBatch_LeavesNeitherResolutionNorAuditEntry()
    {
        await SeedExceptionAndAlarmAsync();
        var at = T0.AddHours(1);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.ResolveExceptionsAsync(
            [new ExceptionResolution("case-900", "ada", "scrap", at), new ExceptionResolution("no-such-case", "ada", "scrap", at)]));
        Assert.Contains(await Store.GetOpenExceptionsAsync(AgentId, 10), e => e.CaseId == "case-900");
        Assert.Empty(await ExceptionEntries("case-900"));

        Assert.Equal([true], await Store.ResolveExceptionsAsync([new ExceptionResolution("case-900", "ada", "scrap", at)]));
        var entry = Assert.Single(await ExceptionEntries("case-900"));
        Assert.Equal(("ada", "resolve"), (entry.Actor, entry.Action));
        Assert.Equal("""{"action":"scrap","label":"scrap"}""", entry.NewValue);

        // Already resolved: nothing changes, nothing more is audited.
        Assert.Equal([false], await Store.ResolveExceptionsAsync([new ExceptionResolution("case-900", "otto", "rework", at)]));
        Assert.Single(await ExceptionEntries("case-900"));
        AssertOneChain(await Store.GetAuditEntriesAsync(AuditQuery.All));
    }

    [Fact]
    public async Task AssignException_Audited_UnknownCaseLeavesNoEntry_ResolvedItemIsNotAudited()
    {
        await SeedExceptionAndAlarmAsync();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.AssignExceptionAsync("no-such-case", "ada", ExceptionDraft("no-such-case", "assign")));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.AssignExceptionAsync("case-901", "ada", ExceptionDraft("case-901", "assign")));
        Assert.Empty(await ExceptionEntries("no-such-case"));
        Assert.Empty(await ExceptionEntries("case-901"));

        Assert.True(await Store.AssignExceptionAsync("case-900", "ada", ExceptionDraft("case-900", "assign")));
        Assert.Equal("assign", Assert.Single(await ExceptionEntries("case-900")).Action);
        Assert.Equal("ada", Assert.Single(await Store.GetOpenExceptionsAsync(AgentId, 10)).AssignedTo);

        await Store.ResolveExceptionsAsync([new ExceptionResolution("case-900", "ada", "scrap", T0.AddHours(1))]);
        Assert.False(await Store.AssignExceptionAsync("case-900", "otto", ExceptionDraft("case-900", "assign")));
        Assert.Equal(["assign", "resolve"], (await ExceptionEntries("case-900")).Select(e => e.Action));
    }

    [Fact]
    public async Task SaveAlarms_Audited_RefusedAlarmLeavesNeitherAlarmNorAuditEntry()
    {
        await SeedExceptionAndAlarmAsync();
        var draft = new AuditDraft("ada", "alarm", "alarm-orphan", "acknowledge", null, "{}", null);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SaveAlarmsAsync([ConsoleAlarm("alarm-orphan", "no-such-agent")], draft));
        Assert.Null(await Store.GetAlarmAsync("alarm-orphan"));
        Assert.Empty(await Store.GetAuditEntriesAsync(new AuditQuery("alarm", "alarm-orphan")));

        var alarm = (await Store.GetAlarmAsync("alarm-1"))! with { AcknowledgedBy = "ada", AcknowledgedAt = T0.AddMinutes(5) };
        await Store.SaveAlarmsAsync([alarm], new AuditDraft("ada", "alarm", "alarm-1", "acknowledge", null, "{}", null));
        Assert.Equal("ada", (await (await OpenAnotherAsync()).GetAlarmAsync("alarm-1"))!.AcknowledgedBy);
        Assert.Equal("ada", Assert.Single(await Store.GetAuditEntriesAsync(new AuditQuery("alarm", "alarm-1"))).Actor);
    }
}
