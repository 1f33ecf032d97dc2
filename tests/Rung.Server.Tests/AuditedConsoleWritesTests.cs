using Rung.Core.Exceptions;
using Rung.Storage.Audit;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Server.Tests;

/// <summary>Exception and alarm actions and their audit entries are one transaction: a failure leaves neither.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the test class through IAsyncLifetime.DisposeAsync.")]
public sealed class AuditedConsoleWritesTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private SqliteRungStore _store = default!;

    public async Task InitializeAsync()
    {
        _store = await SqliteRungStore.OpenAsync(_folder.File("rung.db"), _clock);
        await _store.MigrateAsync();
        await SeedData.WriteAsync(_store, _clock.GetUtcNow());
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task ResolveExceptions_FailingBatch_LeavesNeitherResolutionNorAuditEntry()
    {
        var at = _clock.GetUtcNow();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.ResolveExceptionsAsync(
            [new ExceptionResolution("case-900", "ada", "scrap", at), new ExceptionResolution("no-such-case", "ada", "scrap", at)]));
        Assert.Contains(await _store.GetOpenExceptionsAsync(SeedData.Agent, 10), e => e.CaseId == "case-900");
        Assert.Empty(await Entries("case-900"));

        Assert.Equal([true], await _store.ResolveExceptionsAsync([new ExceptionResolution("case-900", "ada", "scrap", at)]));
        var entry = Assert.Single(await Entries("case-900"));
        Assert.Equal(("ada", "resolve"), (entry.Actor, entry.Action));
        Assert.Contains("\"scrap\"", entry.NewValue, StringComparison.Ordinal);

        // Already resolved: nothing changes, nothing more is audited.
        Assert.Equal([false], await _store.ResolveExceptionsAsync([new ExceptionResolution("case-900", "otto", "rework", at)]));
        Assert.Single(await Entries("case-900"));
    }

    [Fact]
    public async Task AssignException_Audited_UnknownCaseLeavesNoEntry_ResolvedItemIsNotAudited()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.AssignExceptionAsync("no-such-case", "ada", Draft("no-such-case", "assign")));
        Assert.Empty(await Entries("no-such-case"));

        Assert.True(await _store.AssignExceptionAsync("case-900", "ada", Draft("case-900", "assign")));
        Assert.Equal("assign", Assert.Single(await Entries("case-900")).Action);

        await _store.ResolveExceptionsAsync([new ExceptionResolution("case-900", "ada", "scrap", _clock.GetUtcNow())]);
        Assert.False(await _store.AssignExceptionAsync("case-900", "otto", Draft("case-900", "assign")));
        Assert.Equal(["assign", "resolve"], (await Entries("case-900")).Select(e => e.Action));
    }

    [Fact]
    public async Task SaveAlarms_Audited_RefusedAlarmLeavesNeitherAlarmNorAuditEntry()
    {
        var orphan = SeedData.Alarm("alarm-orphan", "drift.input:x", "orphan", _clock.GetUtcNow()) with { AgentId = "no-such-agent" };
        var draft = new AuditDraft("ada", "alarm", "alarm-orphan", "acknowledge", null, "{}", null);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.SaveAlarmsAsync([orphan], draft));
        Assert.Null(await _store.GetAlarmAsync("alarm-orphan"));
        Assert.Empty(await _store.GetAuditEntriesAsync(new AuditQuery("alarm", "alarm-orphan")));

        var alarm = (await _store.GetAlarmAsync("alarm-1"))! with { AcknowledgedBy = "ada", AcknowledgedAt = _clock.GetUtcNow() };
        await _store.SaveAlarmsAsync([alarm], new AuditDraft("ada", "alarm", "alarm-1", "acknowledge", null, "{}", null));
        Assert.Equal("ada", (await _store.GetAlarmAsync("alarm-1"))!.AcknowledgedBy);
        Assert.Equal("ada", Assert.Single(await _store.GetAuditEntriesAsync(new AuditQuery("alarm", "alarm-1"))).Actor);
    }

    private static AuditDraft Draft(string caseId, string action) => new("ada", SqliteRungStore.ExceptionAuditType, caseId, action, null, "{}", null);

    private Task<IReadOnlyList<AuditEntry>> Entries(string caseId) => _store.GetAuditEntriesAsync(new AuditQuery(SqliteRungStore.ExceptionAuditType, caseId));
}
