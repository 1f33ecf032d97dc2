using Rung.Storage.Audit;
using Rung.Storage.Idempotency;
using Rung.Storage.Identity;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class DataStoreContract
{
    private static UserRecord User(string id, bool active = true) =>
        new(id, "Anna Berg", ["Operator"], ["acme/plant1"], active, "pbkdf2$1$abc$def", T0, false, 0, null, T0);

    [Fact]
    public async Task Audit_entries_read_back_by_filter_with_the_head_and_checkpoints()
    {
        var first = await Store.AppendAuditAsync(Draft("u1"));
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.AppendAuditAsync(Draft("u2", actor: "ben"));
        Time.Advance(TimeSpan.FromMinutes(1));
        var last = await Store.AppendAuditAsync(new AuditDraft("anna", AuditRecordTypes.User, "u1", "change", "{}", "{\"a\":1}", "Renamed."));

        Assert.Equal(1, first.Sequence);
        Assert.Equal(T0, first.At);
        Assert.Equal(last, await Store.GetAuditHeadAsync());
        Assert.Equal([1L, 3L], (await Store.GetAuditEntriesAsync(new AuditQuery(RecordId: "u1"))).Select(e => e.Sequence));
        Assert.Equal([2L], (await Store.GetAuditEntriesAsync(new AuditQuery(Actor: "ben"))).Select(e => e.Sequence));
        Assert.Equal([2L, 3L], (await Store.GetAuditEntriesAsync(new AuditQuery(From: T0.AddMinutes(1)))).Select(e => e.Sequence));
        Assert.Equal("Renamed.", last.Reason);
        AssertOneChain(await Store.GetAuditEntriesAsync(AuditQuery.All));

        var checkpoint = new AuditCheckpoint(last.Sequence, last.Hash, T0.AddHours(1), "key1", "c2ln");
        Assert.True(await Store.AppendAuditCheckpointAsync(checkpoint));
        Assert.False(await Store.AppendAuditCheckpointAsync(checkpoint with { Signature = "other" }));
        Assert.Equal(checkpoint, Assert.Single(await Store.GetAuditCheckpointsAsync()));
    }

    [Fact]
    public async Task ArchiveAuditAsync_moves_the_anchor_and_the_chain_continues_from_it()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.AppendAuditAsync(Draft($"u{i}"));
        }

        var third = (await Store.GetAuditEntriesAsync(AuditQuery.All))[2];
        Time.Advance(TimeSpan.FromDays(400));

        var anchor = await Store.ArchiveAuditAsync(3, T0.AddDays(1), "abc123", "audit-1.jsonl", "admin");

        Assert.Equal(third.Hash, anchor.ThroughHash);
        Assert.Equal(anchor, await Store.GetAuditAnchorAsync());
        var remaining = await Store.GetAuditEntriesAsync(AuditQuery.All);
        Assert.Equal([4L, 5L, 6L], remaining.Select(e => e.Sequence));
        Assert.Equal("archive", remaining[^1].Action);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.ArchiveAuditAsync(6, T0.AddDays(1), "x", "y", "admin"));
        Assert.Contains("retention", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_are_created_once_updated_with_an_audit_entry_and_never_reused()
    {
        await Store.AddUserAsync(User("anna"), "admin", "New operator.");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AddUserAsync(User("anna"), "admin", null));
        Assert.Contains("anna", error.Message, StringComparison.Ordinal);

        await Store.UpdateUserAsync(User("anna", active: false) with { FailedAttempts = 3, LockedAt = T0.AddHours(1) }, "admin", "deactivate", "Left the plant.");

        var stored = await Store.GetUserAsync("anna");
        Assert.NotNull(stored);
        Assert.False(stored.Active);
        Assert.Equal(3, stored.FailedAttempts);
        Assert.Equal(T0.AddHours(1), stored.LockedAt);
        Assert.Equal(["Operator"], stored.Roles);
        Assert.Null(await Store.GetUserAsync("nobody"));
        var reused = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AddUserAsync(User("anna"), "admin", null));
        Assert.Contains("never reused", reused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.UpdateUserAsync(User("ghost"), "admin", "change", "Why."));

        var audit = await Store.GetAuditEntriesAsync(new AuditQuery(RecordType: AuditRecordTypes.User, RecordId: "anna"));
        Assert.Equal(["create", "deactivate"], audit.Select(e => e.Action));
        Assert.DoesNotContain("pbkdf2", string.Concat(audit.Select(e => e.NewValue)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_are_found_by_hash_and_revoked_once()
    {
        var token = new ApiTokenRecord("tok1", "ab12", "line3-edge", ["Edge"], ["acme/plant1/line3"], "admin", T0, null);
        await Store.AddTokenAsync(token, "Edge device.");
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AddTokenAsync(token with { Sha256 = "cd34" }, null));

        var found = await Store.FindTokenAsync("ab12");
        Assert.NotNull(found);
        Assert.Equal((token.TokenId, token.Name, token.CreatedBy, token.CreatedAt), (found.TokenId, found.Name, found.CreatedBy, found.CreatedAt));
        Assert.Equal(token.Roles, found.Roles);
        Assert.Equal(token.Zones, found.Zones);
        Assert.True(await Store.RevokeTokenAsync("tok1", "admin", "Device replaced."));
        Assert.False(await Store.RevokeTokenAsync("tok1", "admin", "Again."));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.RevokeTokenAsync("nope", "admin", "Why."));
        Assert.NotNull(Assert.Single(await Store.GetTokensAsync()).RevokedAt);
    }

    [Fact]
    public async Task Signatures_are_listed_per_record_oldest_first()
    {
        await Store.AppendSignatureAsync(new SignatureRecord("s1", "anna", "Anna Berg", "Approved", T0, "stage", "line3", "aa", "seal1"));
        Time.Advance(TimeSpan.FromMinutes(5));
        await Store.AppendSignatureAsync(new SignatureRecord("s2", "ben", "Ben Ode", "Reviewed", T0, "stage", "line3", "aa", "seal2"));
        await Store.AppendSignatureAsync(new SignatureRecord("s3", "ben", "Ben Ode", "Reviewed", T0, "model", "v2", "bb", "seal3"));

        Assert.Equal(["s1", "s2"], (await Store.GetSignaturesAsync("stage", "line3")).Select(s => s.SignatureId));
        Assert.Equal(["s1", "s2", "s3"], (await Store.GetSignaturesAsync(null, null)).Select(s => s.SignatureId));
        Assert.Equal(3, (await Store.GetAuditEntriesAsync(AuditQuery.All)).Count);
    }

    [Fact]
    public async Task The_first_idempotent_answer_wins_and_round_trips_its_bytes()
    {
        byte[] body = [0, 1, 2, 255, 10];
        var first = new IdempotencyRecord("anna", "key-1", "hash1", 201, "application/json", body, T0);

        Assert.Same(first, await Store.SaveIdempotentAsync(first));
        var again = await Store.SaveIdempotentAsync(first with { Status = 500, Body = new byte[] { 9 } });

        Assert.Equal(201, again.Status);
        Assert.Equal(body, again.Body.ToArray());
        var found = await Store.FindIdempotentAsync("anna", "key-1");
        Assert.NotNull(found);
        Assert.Equal(body, found.Body.ToArray());
        Assert.Equal(T0, found.CreatedAt);
        Assert.Null(await Store.FindIdempotentAsync("ben", "key-1"));
    }
}
