using Rung.Governance.Identity;
using Rung.Storage.Audit;

namespace Rung.Governance.Tests;

/// <summary>P11-16, P11-22, P11-24, P11-26, A11-12c: accounts, passwords, lockout and sessions.</summary>
public sealed class IdentityServiceTests
{
    [Fact]
    public async Task SignIn_RightPassword_OpensSessionAndIsAudited()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("alice", Role.Approver);
        var result = await f.Identity.SignInAsync("alice", GovernanceFixture.Password);
        Assert.True(result.Succeeded);
        Assert.Equal("alice", result.Session!.UserId);
        Assert.Contains(Role.Approver, result.Session.Principal.Roles);
        var entries = await f.Store.GetAuditEntriesAsync(new AuditQuery(RecordType: "user", RecordId: "alice"));
        Assert.Equal(["create", "sign_in"], entries.Select(e => e.Action));
        Assert.Equal("admin", entries[0].Actor);
        Assert.DoesNotContain("pbkdf2", entries[0].NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_RefusedCountedAndAudited()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("alice", Role.Approver);
        var result = await f.Identity.SignInAsync("alice", "not the password");
        Assert.Equal(SignInStatus.InvalidCredentials, result.Status);
        Assert.Null(result.Session);
        Assert.Equal(1, (await f.Store.GetUserAsync("alice"))!.FailedAttempts);
        var audit = await f.Store.GetAuditEntriesAsync(new AuditQuery(RecordId: "alice"));
        Assert.Contains(audit, e => e.Action == "sign_in_failed" && e.Reason!.Contains("wrong password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_TooManyWrongPasswords_LocksAccountAndRaisesAlarm()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("alice", Role.Approver);
        for (var i = 1; i < GovernanceFixture.TestOptions.MaxFailedAttempts; i++)
        {
            Assert.Equal(SignInStatus.InvalidCredentials, (await f.Identity.SignInAsync("alice", "wrong " + i)).Status);
        }

        Assert.Equal(SignInStatus.LockedOut, (await f.Identity.SignInAsync("alice", "wrong again")).Status);
        Assert.Equal(SignInStatus.LockedOut, (await f.Identity.SignInAsync("alice", GovernanceFixture.Password)).Status);

        var alarm = Assert.Single(await f.Store.GetAlarmsAsync(StoreSecurityAlarms.AgentId, activeOnly: true, 10));
        Assert.Equal(StoreSecurityAlarms.LockoutRule, alarm.Rule);
        Assert.Equal("alice", alarm.Evidence["user"]);
        Assert.Contains(await f.Store.GetAuditEntriesAsync(new AuditQuery(RecordId: "alice")), e => e.Action == "lockout");
    }

    [Fact]
    public async Task ResetPassword_UnlocksButRequiresChangeBeforeUse()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("alice", Role.Approver);
        for (var i = 0; i < GovernanceFixture.TestOptions.MaxFailedAttempts; i++)
        {
            await f.Identity.SignInAsync("alice", "wrong password " + i);
        }

        await f.Identity.ResetPasswordAsync("alice", "one-time-Secret-1", "admin", "forgotten password");
        Assert.Equal(SignInStatus.PasswordChangeRequired, (await f.Identity.SignInAsync("alice", "one-time-Secret-1")).Status);
        Assert.True(await f.Identity.ChangePasswordAsync("alice", "one-time-Secret-1", "my own Secret 2"));
        Assert.True((await f.Identity.SignInAsync("alice", "my own Secret 2")).Succeeded);
    }

    [Fact]
    public async Task SignIn_PasswordOlderThanMaxAge_RequiresChange()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("alice", Role.Approver);
        f.Time.Advance(GovernanceFixture.TestOptions.PasswordMaxAge + TimeSpan.FromMinutes(1));
        Assert.Equal(SignInStatus.PasswordChangeRequired, (await f.Identity.SignInAsync("alice", GovernanceFixture.Password)).Status);
    }

    [Fact]
    public async Task AddUser_IdOfDeactivatedUser_IsNeverReused()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("alice", Role.Approver);
        await f.Identity.DeactivateAsync("alice", "admin", "left the company");
        Assert.Equal(SignInStatus.Deactivated, (await f.Identity.SignInAsync("alice", GovernanceFixture.Password)).Status);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => f.AddUserAsync("alice", Role.Quality));
        Assert.Contains("never reused", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short1!")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("xx-alice-password")]
    public async Task AddUser_WeakPassword_IsRefusedWithTheRule(string password)
    {
        await using var f = await GovernanceFixture.CreateAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => f.Identity.AddUserAsync("alice", "Alice", [Role.Operator], [], password, "admin"));
        Assert.StartsWith("The password must", error.Message, StringComparison.Ordinal);
        Assert.Null(await f.Store.GetUserAsync("alice"));
    }

    [Fact]
    public async Task SetRoles_IsAuditedWithOldAndNewValueAndReason()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("alice", Role.Operator);
        await f.Identity.SetRolesAsync("alice", [Role.Operator, Role.Quality], null, "admin", "qualified as QA reviewer");
        var entries = await f.Store.GetAuditEntriesAsync(new AuditQuery(RecordId: "alice"));
        var entry = entries[^1];
        Assert.Equal("set_roles", entry.Action);
        Assert.Contains("\"roles\":[\"Operator\"]", entry.OldValue, StringComparison.Ordinal);
        Assert.Contains("\"roles\":[\"Operator\",\"Quality\"]", entry.NewValue, StringComparison.Ordinal);
        Assert.Equal("qualified as QA reviewer", entry.Reason);
    }

    [Fact]
    public async Task SignIn_HashWithFewerIterations_IsRehashedWithCurrentCount()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("alice", Role.Operator);
        var stronger = new IdentityService(f.Store, f.Store, new StoreSecurityAlarms(f.Store, "security"), GovernanceFixture.TestOptions with { Pbkdf2Iterations = 2_000 }, f.Time);
        Assert.True((await stronger.SignInAsync("alice", GovernanceFixture.Password)).Succeeded);
        Assert.Equal(2_000, PasswordHasher.IterationsOf((await f.Store.GetUserAsync("alice"))!.PasswordHash));
    }

    [Fact]
    public void Options_FewerThan600kIterations_AreRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IdentityOptions { Pbkdf2Iterations = 100_000 }.Validate());
        Assert.Equal("Pbkdf2Iterations", error.ParamName);
        Assert.Equal(600_000, new IdentityOptions().Validate().Pbkdf2Iterations);
    }

    [Fact]
    public void PasswordHasher_StoresParametersAndSaltPerHash()
    {
        var a = PasswordHasher.Hash("same password!", 1_000);
        var b = PasswordHasher.Hash("same password!", 1_000);
        Assert.NotEqual(a, b);
        Assert.StartsWith("pbkdf2-sha256$1000$", a, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("same password!", a));
        Assert.False(PasswordHasher.Verify("same password?", a));
    }

    [Fact]
    public async Task Session_IdleLongerThanTimeout_Expires()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("alice", Role.Operator);
        var session = await f.SignInAsync("alice");
        f.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(f.Identity.TryUse(session));
        f.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(f.Identity.TryUse(session));
        f.Time.Advance(GovernanceFixture.TestOptions.IdleTimeout + TimeSpan.FromSeconds(1));
        Assert.False(f.Identity.TryUse(session));
    }
}
