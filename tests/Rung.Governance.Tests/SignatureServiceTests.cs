using System.Text;
using Microsoft.Data.Sqlite;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Storage.Audit;

namespace Rung.Governance.Tests;

/// <summary>P11-13, P11-15, P11-19..P11-21, A11-14: electronic signatures.</summary>
public sealed class SignatureServiceTests
{
    private static readonly byte[] Promotion = Encoding.UTF8.GetBytes("{\"agent\":\"line3-chatter\",\"from\":\"ApproveEach\",\"to\":\"AutoWithExceptions\"}");

    [Fact]
    public async Task Sign_FirstInSession_NeedsUserIdThenPasswordOnly()
    {
        await using var f = await QualityAsync();
        var session = await f.SignInAsync("quinn");
        var first = await f.Signatures.SignAsync(session, null, GovernanceFixture.Password, "stage", "line3-chatter", Promotion, SignatureMeaning.Approved);
        Assert.Equal(SignStatus.UserIdRequired, first.Status);

        var signed = await f.Signatures.SignAsync(session, "quinn", GovernanceFixture.Password, "stage", "line3-chatter", Promotion, SignatureMeaning.Approved);
        Assert.True(signed.Succeeded, signed.Message);

        var second = await f.Signatures.SignAsync(session, null, GovernanceFixture.Password, "model", "m-7", Promotion, SignatureMeaning.Reviewed);
        Assert.True(second.Succeeded, second.Message);

        var noPassword = await f.Signatures.SignAsync(session, null, string.Empty, "model", "m-7", Promotion, SignatureMeaning.Reviewed);
        Assert.Equal(SignStatus.InvalidCredentials, noPassword.Status);
    }

    [Fact]
    public async Task Sign_AfterIdleTimeout_NeedsBothComponentsAgain()
    {
        await using var f = await QualityAsync();
        var session = await f.SignInAsync("quinn");
        Assert.True((await f.Signatures.SignAsync(session, "quinn", GovernanceFixture.Password, "stage", "a", Promotion, SignatureMeaning.Approved)).Succeeded);
        f.Time.Advance(GovernanceFixture.TestOptions.IdleTimeout + TimeSpan.FromSeconds(1));
        Assert.Equal(SignStatus.UserIdRequired, (await f.Signatures.SignAsync(session, null, GovernanceFixture.Password, "stage", "a", Promotion, SignatureMeaning.Approved)).Status);
        Assert.True((await f.Signatures.SignAsync(session, "quinn", GovernanceFixture.Password, "stage", "a", Promotion, SignatureMeaning.Approved)).Succeeded);
    }

    [Fact]
    public async Task Sign_WrongPassword_RefusedCountedAuditedAndLocksOut()
    {
        await using var f = await QualityAsync();
        var session = await f.SignInAsync("quinn");
        var result = await f.Signatures.SignAsync(session, "quinn", "wrong password!", "stage", "a", Promotion, SignatureMeaning.Approved);
        Assert.Equal(SignStatus.InvalidCredentials, result.Status);
        Assert.Empty(await f.Store.GetSignaturesAsync("stage", "a"));
        Assert.Equal(1, (await f.Store.GetUserAsync("quinn"))!.FailedAttempts);
        Assert.Contains(await f.Store.GetAuditEntriesAsync(new AuditQuery(RecordId: "quinn")), e => e.Action == "signature_failed");

        for (var i = 1; i < GovernanceFixture.TestOptions.MaxFailedAttempts; i++)
        {
            result = await f.Signatures.SignAsync(session, "quinn", "wrong password " + i, "stage", "a", Promotion, SignatureMeaning.Approved);
        }

        Assert.Equal(SignStatus.LockedOut, result.Status);
        Assert.Equal(SignStatus.LockedOut, (await f.Signatures.SignAsync(session, "quinn", GovernanceFixture.Password, "stage", "a", Promotion, SignatureMeaning.Approved)).Status);
    }

    [Fact]
    public async Task Sign_ForAnotherUser_IsRefused()
    {
        await using var f = await QualityAsync();
        await f.AddUserAsync("other", Role.Quality);
        var session = await f.SignInAsync("quinn");
        Assert.Equal(SignStatus.WrongUser, (await f.Signatures.SignAsync(session, "other", GovernanceFixture.Password, "stage", "a", Promotion, SignatureMeaning.Approved)).Status);
    }

    [Fact]
    public async Task Verify_SameRecordVersion_IsValid_AndManifestationShowsNameTimeMeaning()
    {
        await using var f = await QualityAsync();
        var session = await f.SignInAsync("quinn");
        var signed = (await f.Signatures.SignAsync(session, "quinn", GovernanceFixture.Password, "stage", "line3-chatter", Promotion, SignatureMeaning.Approved)).Signature!;
        var check = Assert.Single(await f.Signatures.VerifyAsync("stage", "line3-chatter", Promotion));
        Assert.True(check.Valid, check.Reason);
        Assert.Equal("Signed by Name of quinn (quinn) on 2026-01-05 08:00:00 UTC; meaning: Approved", SignatureManifest.Manifestation(signed));
        Assert.Contains(await f.Store.GetAuditEntriesAsync(new AuditQuery(RecordType: "signature")), e => e.RecordId == signed.SignatureId && e.Actor == "quinn");
    }

    [Fact]
    public async Task Verify_ChangedRecord_Fails()
    {
        await using var f = await QualityAsync();
        var session = await f.SignInAsync("quinn");
        await f.Signatures.SignAsync(session, "quinn", GovernanceFixture.Password, "stage", "line3-chatter", Promotion, SignatureMeaning.Approved);
        var changed = Encoding.UTF8.GetBytes("{\"agent\":\"line3-chatter\",\"from\":\"ApproveEach\",\"to\":\"ProductionOwned\"}");
        var check = Assert.Single(await f.Signatures.VerifyAsync("stage", "line3-chatter", changed));
        Assert.False(check.Valid);
        Assert.Contains("changed after it was signed", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SignatureCopiedToAnotherRecord_Fails()
    {
        await using var f = await QualityAsync();
        var session = await f.SignInAsync("quinn");
        var signed = (await f.Signatures.SignAsync(session, "quinn", GovernanceFixture.Password, "stage", "line3-chatter", Promotion, SignatureMeaning.Approved)).Signature!;

        // By ordinary means: present it for another record.
        Assert.False(f.Signatures.Verify(signed, "stage", "line4-chatter", Promotion).Valid);

        // By editing the database: the copy names the other record, but its seal no longer holds.
        await using (var connection = new SqliteConnection($"Data Source={f.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO signatures (signature_id, user_id, printed_name, meaning, at, record_type, record_id, record_sha256, seal)
                SELECT 'sig_copy', user_id, printed_name, meaning, at, record_type, 'line4-chatter', record_sha256, seal FROM signatures;
                """;
            await command.ExecuteNonQueryAsync();
        }

        var check = Assert.Single(await f.Signatures.VerifyAsync("stage", "line4-chatter", Promotion));
        Assert.False(check.Valid);
        Assert.Contains("seal does not hold", check.Reason, StringComparison.Ordinal);
    }

    private static async Task<GovernanceFixture> QualityAsync()
    {
        var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("quinn", Role.Quality);
        return f;
    }
}
