using Microsoft.Playwright;
using Rung.Core.Approvals;
using Rung.Governance.Identity;
using Rung.Server.Data;
using Rung.Server.Security;
using Rung.Storage.Audit;
using Rung.Storage.Identity;

namespace Rung.Server.Tests;

/// <summary>Sign-in against the stored users, lockout, password change, zones and the idle timeout.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class IdentityConsoleTests(ConsoleFixture fixture)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Wait = new() { Timeout = 15_000 };

    [Fact]
    public async Task StoredUser_SignsIn_AndIsNamedInTheHeader()
    {
        var page = await fixture.SignInAsync(TestUsers.Quinn);
        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync("Quinn Quality");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Approvals" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WrongPasswords_AreCounted_ThenTheAccountIsLockedAndRefusedEvenWithTheRightOne()
    {
        var page = await fixture.NewPageAsync();
        for (var attempt = 1; attempt <= ConsoleFixture.MaxFailedAttempts; attempt++)
        {
            await SubmitAsync(page, TestUsers.Lena, "not the password " + attempt);
            var user = await fixture.Get<IIdentityStore>().GetUserAsync(TestUsers.Lena);
            Assert.Equal(attempt, user!.FailedAttempts);
            var expected = attempt < ConsoleFixture.MaxFailedAttempts ? "not recognised" : "locked";
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(expected);
        }

        Assert.NotNull((await fixture.Get<IIdentityStore>().GetUserAsync(TestUsers.Lena))!.LockedAt);
        await SubmitAsync(page, TestUsers.Lena, TestUsers.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DeactivatedUser_IsRefusedWithThatReason()
    {
        var page = await fixture.NewPageAsync();
        await SubmitAsync(page, TestUsers.Dan, TestUsers.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("deactivated");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ResetPassword_LeadsToTheChangePage_ThenSignsIn()
    {
        var page = await fixture.NewPageAsync();
        await SubmitAsync(page, TestUsers.Pat, "one time pass 42");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Change your password");
        await Assertions.Expect(page.GetByLabel("User id")).ToHaveValueAsync(TestUsers.Pat);
        await page.GetByLabel("Current password").FillAsync("one time pass 42");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("New password again").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password and sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("breaks a rule");
        await page.GetByLabel("Current password").FillAsync("one time pass 42");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("my own new secret");
        await page.GetByLabel("New password again").FillAsync("my own new secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password and sign in" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync("Pat Reset");
        Assert.False((await fixture.Get<IIdentityStore>().GetUserAsync(TestUsers.Pat))!.MustChangePassword);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OperatorOnLine3_SeesNoButtonOnALine4Draft_AndTheServerRefusesTheCallAnyway()
    {
        var page = await fixture.SignInAsync(TestUsers.Otto);
        await page.GotoAsync("/approvals");
        await Assertions.Expect(page.Locator("[data-interactive]")).ToBeVisibleAsync(Wait);
        var line4 = page.Locator("article[data-case-id=case-401]");
        await Assertions.Expect(line4).ToBeVisibleAsync(Wait);
        await Assertions.Expect(line4.Locator("button")).ToHaveCountAsync(0);
        await Assertions.Expect(line4.Locator(".zone-note")).ToContainTextAsync("Outside your zones");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve case-004" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        // What the page's handler calls, with a case the page never offered: the server checks role and zone itself.
        var signedIn = await fixture.Get<IdentityService>().SignInAsync(TestUsers.Otto, TestUsers.Password);
        fixture.Get<ConsoleSessions>().Add(signedIn.Session!);
        var denied = await Assert.ThrowsAsync<ConsoleDeniedException>(
            () => fixture.Get<ConsoleData>().DecideDraftAsync(signedIn.Session!.SessionId, "case-401", Verdict.Approved, null));
        Assert.Contains("acme/berlin/press/line4", denied.Message, StringComparison.Ordinal);
        Assert.Contains(await fixture.Store.GetPendingApprovalsAsync(SeedData.Line4Agent, 10), d => d.Case.CaseId == "case-401");
        var refusals = await fixture.Get<IAuditStore>().GetAuditEntriesAsync(new AuditQuery("authorization", nameof(Operation.ApproveCase), TestUsers.Otto));
        Assert.Contains(refusals, e => e.Action == "deny" && e.Reason!.Contains("line4", StringComparison.Ordinal));

        // A session id that was never issued is refused before anything is read.
        var forged = await Assert.ThrowsAsync<ConsoleDeniedException>(
            () => fixture.Get<ConsoleData>().DecideDraftAsync("not-a-session", "case-004", Verdict.Approved, null));
        Assert.True(forged.SessionEnded);
    }

    [Fact]
    public async Task IdleTimeout_SendsThePageBackToSignIn_AndTheCookieNoLongerOpensPages()
    {
        var page = await fixture.SignInAsync(TestUsers.Ada);
        await page.GotoAsync("/alarms");
        await Assertions.Expect(page.Locator("[data-interactive]")).ToBeVisibleAsync(Wait);
        fixture.Clock.Advance(fixture.Get<IdentityService>().Options.IdleTimeout + TimeSpan.FromMinutes(1));
        await page.WaitForURLAsync("**/signin?expired=1", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("without activity");
        await page.GotoAsync("/approvals");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static async Task SubmitAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("User id").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
