using Microsoft.Playwright;
using Rung.Governance.Identity;
using Rung.Server.Data;
using Rung.Server.Security;
using Rung.Storage;
using Rung.Storage.Audit;

namespace Rung.Server.Tests;

/// <summary>The Edges page: health per edge in the person's zones, stale edges marked, and the stop switch for those allowed to throw it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class EdgePageTests(ConsoleFixture fixture)
{
    private const string Line3 = "acme/berlin/press/line3";
    private static readonly LocatorAssertionsToBeVisibleOptions Wait = new() { Timeout = 15_000 };

    [Fact]
    public async Task Edges_ShowsHeartbeatLagBufferModelsAndSkew_AndMarksTheSilentEdgeStale()
    {
        await Edges.SaveEdgeHealthAsync(SeedEdges.Line3(fixture.Clock.GetUtcNow()));
        var page = await fixture.SignInAsync(TestUsers.Ada);
        await page.GetByRole(AriaRole.Link, new() { Name = "Edges" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/edges");

        var line3 = page.Locator($"tr[data-edge-id={SeedEdges.Line3Edge}]");
        await Assertions.Expect(line3).ToContainTextAsync("5 s ago");
        await Assertions.Expect(line3).ToContainTextAsync("reporting");
        await Assertions.Expect(line3).ToContainTextAsync("42 s");
        await Assertions.Expect(line3).ToContainTextAsync("1,200 (0.1 % of budget)");
        await Assertions.Expect(line3).ToContainTextAsync("line3-quality: pilot-2.1");
        await Assertions.Expect(line3).ToContainTextAsync("+0.3 s");
        await Assertions.Expect(line3).Not.ToContainTextAsync("stale");

        var line4 = page.Locator($"tr[data-edge-id={SeedEdges.Line4Edge}]");
        await Assertions.Expect(line4.Locator(".health.bad")).ToHaveTextAsync("stale");
        await Assertions.Expect(line4).ToContainTextAsync("line4-quality: pilot-1.0");
        await Assertions.Expect(line4).ToContainTextAsync("-2.5 s");

        // Köln is outside the press area: not listed, not even its name.
        await Assertions.Expect(page.Locator($"tr[data-edge-id={SeedEdges.KoelnEdge}]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.ScreenshotFolder, "edges.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StopSwitch_NeedsAReason_StopsTheLineAudited_ThenResumes()
    {
        var page = await fixture.SignInAsync(TestUsers.Ada);
        await page.GotoAsync("/edges");
        await Assertions.Expect(page.Locator("[data-interactive]")).ToBeVisibleAsync(Wait);
        var before = await Edges.GetStopsAsync(0);
        await page.GetByLabel($"Scope for {SeedEdges.Line3Edge}").SelectOptionAsync(Line3);
        var stop = page.GetByRole(AriaRole.Button, new() { Name = $"Stop AI writes from {SeedEdges.Line3Edge}" });

        await stop.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Write a reason before stopping");
        Assert.Equal(before.Count, (await Edges.GetStopsAsync(0)).Count);

        await page.GetByLabel($"Reason for {SeedEdges.Line3Edge}").FillAsync("tool change on line 3");
        await stop.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"AI writes on {Line3} stopped by ada: tool change on line 3");
        var row = page.Locator($"tr[data-edge-id={SeedEdges.Line3Edge}] td.stops");
        await Assertions.Expect(row).ToContainTextAsync($"STOPPED {Line3} by ada (server");
        // The neighbouring line keeps running.
        await Assertions.Expect(page.Locator($"tr[data-edge-id={SeedEdges.Line4Edge}] td.stops")).Not.ToContainTextAsync("STOPPED");
        var thrown = (await Edges.GetStopsAsync(before.Count == 0 ? 0 : before[^1].Id)).Single();
        Assert.Equal((Line3, true, "ada", "server", "tool change on line 3"), (thrown.Scope, thrown.Stopped, thrown.Actor, thrown.Origin, thrown.Reason));

        await page.GetByLabel($"Reason for {SeedEdges.Line3Edge}").FillAsync("tool changed, checked");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Resume AI writes from {SeedEdges.Line3Edge}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"AI writes on {Line3} resumed by ada");
        await Assertions.Expect(row).Not.ToContainTextAsync("STOPPED");

        var audited = await fixture.Get<IAuditStore>().GetAuditEntriesAsync(new AuditQuery("stop_switch", Line3));
        Assert.Equal(["stop", "restart"], audited.Select(e => e.Action));
        Assert.All(audited, e => Assert.Equal("ada", e.Actor));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReadOnlyViewer_SeesEveryEdgeWithoutASwitch_AndTheServerRefusesOneAnyway()
    {
        var page = await fixture.SignInAsync(TestUsers.Auditor);
        await page.GotoAsync("/edges");
        await Assertions.Expect(page.Locator($"tr[data-edge-id={SeedEdges.KoelnEdge}]")).ToBeVisibleAsync(Wait);
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop AI writes", Exact = false })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        var before = (await Edges.GetStopsAsync(0)).Count;
        var auditor = await SessionOfAsync(TestUsers.Auditor);
        await Assert.ThrowsAsync<ConsoleDeniedException>(() => fixture.Get<ConsoleData>().Edges.ThrowAsync(auditor, Line3, true, "not allowed"));

        // Otto works line 3 only: line 4's edge is not his to see, and the server refuses a stop there.
        var otto = await fixture.SignInAsync(TestUsers.Otto);
        await otto.GotoAsync("/edges");
        await Assertions.Expect(otto.Locator($"tr[data-edge-id={SeedEdges.Line3Edge}]")).ToBeVisibleAsync(Wait);
        await Assertions.Expect(otto.Locator($"tr[data-edge-id={SeedEdges.Line4Edge}]")).ToHaveCountAsync(0);
        await Assertions.Expect(otto.GetByLabel($"Scope for {SeedEdges.Line3Edge}").Locator("option")).ToHaveTextAsync(["agent line3-quality", $"zone {Line3}"]);
        await otto.Context.CloseAsync();
        var ottoSession = await SessionOfAsync(TestUsers.Otto);
        var denied = await Assert.ThrowsAsync<ConsoleDeniedException>(() => fixture.Get<ConsoleData>().Edges.ThrowAsync(ottoSession, "agent:" + SeedData.Line4Agent, true, "not my line"));
        Assert.Contains("acme/berlin/press/line4", denied.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => fixture.Get<ConsoleData>().Edges.ThrowAsync(ottoSession, "agent:no-such-agent", true, "typo"));
        Assert.Equal(before, (await Edges.GetStopsAsync(0)).Count);
    }

    private IEdgeStore Edges => (IEdgeStore)fixture.Store;

    private async Task<string> SessionOfAsync(string user)
    {
        var signedIn = await fixture.Get<IdentityService>().SignInAsync(user, TestUsers.Password);
        fixture.Get<ConsoleSessions>().Add(signedIn.Session!);
        return signedIn.Session!.SessionId;
    }
}
