using Microsoft.Playwright;
using Rung.Core.Alarms;
using Rung.Server.Data;
using Rung.Storage;
using Rung.Storage.Audit;

namespace Rung.Server.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleFixture fixture)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Wait = new() { Timeout = 15_000 };

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnSignInWithAnError()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/approvals");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("User id").FillAsync("ada");
        await page.GetByLabel("Password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not recognised");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Portfolio_ShowsAgentStageSloAlarmsAndOwner()
    {
        var page = await fixture.SignInAsync("ada");
        var row = page.Locator("tr", new() { HasText = SeedData.Agent });
        await Assertions.Expect(row).ToContainTextAsync("ApproveEach");
        await Assertions.Expect(row).ToContainTextAsync("94.0 %");
        await Assertions.Expect(row).ToContainTextAsync("olga.owner");
        await page.ScreenshotAsync(new() { Path = Shot("portfolio"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AgentPage_ShowsLadderHistoryChartsDriftAndRunbook()
    {
        var page = await fixture.SignInAsync("ada", ColorScheme.Dark);
        await page.GetByRole(AriaRole.Link, new() { Name = SeedData.Agent }).ClickAsync();
        await Assertions.Expect(page.Locator(".ladder li[aria-current=step]")).ToHaveTextAsync("ApproveEach");
        await Assertions.Expect(page.Locator("table", new() { HasText = "Promotion" })).ToContainTextAsync("olga.owner");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "spindle_temp" }).First).ToContainTextAsync("yes");
        await Assertions.Expect(page.Locator(".runbook").First).ToContainTextAsync("thermocouple");
        Assert.True(await page.Locator("figure.chart svg").CountAsync() >= 2);
        await page.ScreenshotAsync(new() { Path = Shot("agent-dark"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Approve_DraftedCase_IsCommitted()
    {
        var page = await fixture.SignInAsync("ada");
        await page.GotoAsync("/approvals");
        await Interactive(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve case-001" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("case-001 approved and committed");
        await Assertions.Expect(page.Locator(".commits li[data-case-id=case-001]")).ToBeVisibleAsync(Wait);
        await Assertions.Expect(page.Locator("article[data-case-id=case-001]")).ToHaveCountAsync(0);
        var undelivered = await fixture.Store.GetUndeliveredActionsAsync(SeedData.Agent, 100);
        Assert.Contains(undelivered, a => a.CaseId == "case-001" && a.Action.Name == "scrap");
        var audited = await fixture.Get<IAuditStore>().GetAuditEntriesAsync(new AuditQuery(AuditRecordTypes.Approval, "case-001"));
        Assert.Equal("ada", Assert.Single(audited).Actor);
        Assert.Equal("approve", audited[0].Action);
        await page.ScreenshotAsync(new() { Path = Shot("approvals"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Reject_WithoutReason_IsRefused_WithReason_IsStoredAsLabel()
    {
        var page = await fixture.SignInAsync("ada");
        await page.GotoAsync("/approvals");
        await Interactive(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject case-002" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Write a reason before rejecting case-002");
        await page.GetByLabel("Reason for rejecting case-002").FillAsync("burr is cosmetic, rework");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject case-002" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("case-002 rejected: burr is cosmetic, rework");
        var judgements = await fixture.Store.GetRecentJudgementsAsync(SeedData.Agent, 100, null);
        Assert.Contains(judgements, j => j.CaseId == "case-002" && !j.Correct);
        var undelivered = await fixture.Store.GetUndeliveredActionsAsync(SeedData.Agent, 100);
        Assert.DoesNotContain(undelivered, a => a.CaseId == "case-002");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Approve_KeyboardOnly_TabToDraftAndPressA()
    {
        var page = await fixture.SignInAsync("ada");
        await page.GotoAsync("/approvals");
        await Interactive(page);
        await Assertions.Expect(page.Locator("article[data-case-id=case-003]")).ToBeVisibleAsync(Wait);
        // Interactive once the circuit is up; the approve buttons answer only then.
        var reached = false;
        for (var i = 0; i < 60 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement?.matches('article[data-case-id=case-003]') ?? false");
        }

        Assert.True(reached, "Tab never reached the draft case-003");
        Assert.True(await page.EvaluateAsync<bool>("() => getComputedStyle(document.activeElement).outlineStyle !== 'none'"), "the focused draft shows no focus outline");
        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("case-003 approved and committed", new() { Timeout = 15_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Exception_AssignThenDecide_LeavesTheQueueAndLabelsTheCase()
    {
        var page = await fixture.SignInAsync("ada");
        await page.GotoAsync("/exceptions");
        await Interactive(page);
        var card = page.Locator("article[data-case-id=case-900]");
        await Assertions.Expect(card.Locator(".sla")).ToContainTextAsync("left");
        await page.ScreenshotAsync(new() { Path = Shot("exceptions"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign case-900 to me" }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("Assigned to: ada");
        await page.GetByLabel("Action for case-900").SelectOptionAsync("scrap");
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide case-900" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("case-900 decided: scrap");
        await Assertions.Expect(card).ToHaveCountAsync(0);
        Assert.Empty(await fixture.Store.GetOpenExceptionsAsync(SeedData.Agent, 10));
        var judgements = await fixture.Store.GetRecentJudgementsAsync(SeedData.Agent, 100, null);
        Assert.Contains(judgements, j => j.CaseId == "case-900" && j.Correct);
        var audited = await fixture.Get<IAuditStore>().GetAuditEntriesAsync(new AuditQuery(ConsoleAuditTypes.Exception, "case-900"));
        Assert.Equal(["assign", "resolve"], audited.Select(e => e.Action));
        Assert.All(audited, e => Assert.Equal("ada", e.Actor));
        Assert.Contains("scrap", audited[1].NewValue, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Alarm_AppearsLive_ThenIsAcknowledged()
    {
        var page = await fixture.SignInAsync("ada");
        await page.GotoAsync("/alarms");
        await Interactive(page);
        await Assertions.Expect(page.Locator("article[data-alarm-id=alarm-1]")).ToBeVisibleAsync(Wait);
        await fixture.Store.SaveAlarmsAsync([SeedData.Alarm("alarm-live", "model.failure", "the model failed on 9.0 % of the last 500 cases", TimeProvider.System.GetUtcNow())]);
        var card = page.Locator("article[data-alarm-id=alarm-live]");
        await Assertions.Expect(card).ToBeVisibleAsync(Wait);
        await page.ScreenshotAsync(new() { Path = Shot("alarms"), FullPage = true });
        await page.GetByLabel("Note on alarm-live").FillAsync("on it");
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge alarm-live" }).ClickAsync();
        await Assertions.Expect(card.Locator(".state")).ToHaveTextAsync("Acknowledged");
        var stored = await fixture.Store.GetAlarmAsync("alarm-live");
        Assert.Equal(AlarmState.Acknowledged, stored!.State);
        Assert.Equal("ada", stored.AcknowledgedBy);
        var audited = Assert.Single(await fixture.Get<IAuditStore>().GetAuditEntriesAsync(new AuditQuery(ConsoleAuditTypes.Alarm, "alarm-live")));
        Assert.Equal(("ada", "acknowledge", "on it"), (audited.Actor, audited.Action, audited.Reason));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Auditor_SeesNoApprovalsLink_AndIsRefusedTheApprovalsPage()
    {
        var page = await fixture.SignInAsync("aud");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alarms" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Approvals" })).ToHaveCountAsync(0);
        await page.GotoAsync("/approvals");
        Assert.Contains("/denied", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not open");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve case-004" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    // Buttons answer once the page's circuit is up; the status line says so.
    private static Task Interactive(IPage page) => Assertions.Expect(page.Locator("[data-interactive]")).ToBeVisibleAsync(Wait);

    private static string Shot(string name) => Path.Combine(ConsoleFixture.ScreenshotFolder, name + ".png");
}
