using System.Text.Json;
using Microsoft.Playwright;
using Rung.Storage.Audit;
using Rung.Storage.Identity;

namespace Rung.Server.Tests;

/// <summary>The audit page: the chain's verification first, search, export, and the review signature.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AuditPageTests(ConsoleFixture fixture)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Wait = new() { Timeout = 15_000 };

    [Fact]
    public async Task AuditPage_ShowsTheVerifiedChainFirst_AndSearchesByPerson()
    {
        // The person searched for has an entry of their own, whatever other tests ran before this one.
        await fixture.Get<IAuditStore>().AppendAuditAsync(new AuditDraft(TestUsers.Pat, "exception", "audit-page-search", "assign", null, $$"""{"assignee":"{{TestUsers.Pat}}"}""", "taken for the audit page search"));
        var page = await fixture.SignInAsync(TestUsers.Quinn);
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.Locator("[data-interactive]")).ToBeVisibleAsync(Wait);
        var verification = page.Locator("section[data-verified]");
        await Assertions.Expect(verification).ToHaveAttributeAsync("data-verified", "yes");
        await Assertions.Expect(verification).ToContainTextAsync("Audit trail verified");
        Assert.True(await page.EvaluateAsync<bool>(
            "() => { const v = document.querySelector('section[data-verified]'), t = document.querySelector('table'); return !!(v.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING); }"),
            "the verification is not above the entries");
        await page.GetByLabel("Person").FillAsync(TestUsers.Pat);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Searched");
        var actors = await page.Locator("tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.NotEmpty(actors);
        Assert.All(actors, a => Assert.Equal(TestUsers.Pat, a));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.ScreenshotFolder, "audit.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Export_CsvAndJson_CarryTheVerification_AndAreThemselvesAudited()
    {
        var page = await fixture.SignInAsync(TestUsers.Auditor);
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToBeVisibleAsync(Wait);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign audit review" })).ToHaveCountAsync(0);

        var csv = await page.Context.APIRequest.GetAsync("/audit/export?format=csv&recordType=user");
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("verification,valid,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("audit,", StringComparison.Ordinal) && l.Contains(",user,quinn,create,", StringComparison.Ordinal));

        var json = await page.Context.APIRequest.GetAsync("/audit/export?format=json");
        Assert.Equal(200, json.Status);
        using var doc = JsonDocument.Parse(await json.TextAsync());
        Assert.True(doc.RootElement.GetProperty("verification").GetProperty("valid").GetBoolean());
        Assert.True(doc.RootElement.GetProperty("entries").GetArrayLength() > 5);

        var bad = await page.Context.APIRequest.GetAsync("/audit/export?format=xml");
        Assert.Equal(400, bad.Status);
        Assert.Contains("xml", await bad.TextAsync(), StringComparison.Ordinal);

        var exports = await fixture.Get<IAuditStore>().GetAuditEntriesAsync(new AuditQuery(AuditRecordTypes.Audit, "trail", TestUsers.Auditor));
        Assert.Equal(2, exports.Count(e => e.Action == "export"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Export_ByARoleWithoutExportAudit_IsRefused()
    {
        var page = await fixture.SignInAsync(TestUsers.Ada);
        var response = await page.Context.APIRequest.GetAsync("/audit/export?format=csv", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, response.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReviewSignature_AsksForUserIdFirst_ThenPasswordOnly_AndShowsTheManifestation()
    {
        var page = await fixture.SignInAsync(TestUsers.Quinn);
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.Locator("[data-interactive]")).ToBeVisibleAsync(Wait);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign audit review" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByLabel("Your user id")).ToBeVisibleAsync(Wait);
        await dialog.GetByLabel("Your user id").FillAsync(TestUsers.Quinn);
        await dialog.GetByLabel("Your password").FillAsync("wrong password here");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong password");
        await dialog.GetByLabel("Your password").FillAsync(TestUsers.Password);
        await dialog.GetByLabel("Meaning of the signature").SelectOptionAsync("Reviewed");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.ScreenshotFolder, "audit-sign.png"), FullPage = true });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed by Quinn Quality (quinn)");
        await Assertions.Expect(page.Locator(".signatures .manifestation").First).ToContainTextAsync("meaning: Reviewed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign audit review" }).ClickAsync();
        await Assertions.Expect(dialog.GetByLabel("Your password")).ToBeVisibleAsync(Wait);
        await Assertions.Expect(dialog.GetByLabel("Your user id")).ToHaveCountAsync(0);
        await dialog.GetByLabel("Your password").FillAsync(TestUsers.Password);
        await dialog.GetByLabel("Meaning of the signature").SelectOptionAsync("Approved");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("meaning: Approved");

        var stored = (await fixture.Get<IIdentityStore>().GetSignaturesAsync(null, null)).Where(s => s.RecordType == AuditRecordTypes.Audit).ToList();
        Assert.Equal(["Approved", "Reviewed"], stored.Where(s => s.UserId == TestUsers.Quinn).Select(s => s.Meaning).Order(StringComparer.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Entries_ArePaged_NewestFirst_OlderAndNewer_KeepTheFilter()
    {
        var audit = fixture.Get<IAuditStore>();
        var seqs = new List<long>();
        for (var i = 0; i < AuditPageRequest.DefaultLimit + 10; i++)
        {
            seqs.Add((await audit.AppendAuditAsync(new AuditDraft("pager", "use_case", "uc-page-" + i, "change", "{}", "{\"v\":1}", "paging"))).Sequence);
        }

        var page = await fixture.SignInAsync(TestUsers.Quinn);
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.Locator("[data-interactive]")).ToBeVisibleAsync(Wait);
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(AuditPageRequest.DefaultLimit);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Newer", Exact = true })).ToHaveCountAsync(0);

        await page.GetByLabel("Person").FillAsync("pager");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Searched");
        await Assertions.Expect(page.Locator("tbody tr").First).ToHaveAttributeAsync("data-seq", seqs[^1].ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByRole(AriaRole.Button, new() { Name = "Older" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(10);
        Assert.Equal(seqs.Take(10).Reverse().Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), await page.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.seq)"));
        Assert.All(await page.Locator("tbody tr td:nth-child(3)").AllInnerTextsAsync(), a => Assert.Equal("pager", a));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Older" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Newer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(AuditPageRequest.DefaultLimit);
        await Assertions.Expect(page.Locator("tbody tr").First).ToHaveAttributeAsync("data-seq", seqs[^1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(await page.Locator("tbody tr td:nth-child(3)").AllInnerTextsAsync(), a => Assert.Equal("pager", a));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Newer", Exact = true })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FullVerification_OnRequest_WalksTheWholeChain_AndSaysSo()
    {
        var page = await fixture.SignInAsync(TestUsers.Quinn);
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.Locator("[data-interactive]")).ToBeVisibleAsync(Wait);
        await Assertions.Expect(page.GetByText("on a long trail this takes a while")).ToBeVisibleAsync(Wait);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the whole chain" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Full verification: Audit trail verified");
        var verification = page.Locator("section[data-verified]");
        await Assertions.Expect(verification).ToHaveAttributeAsync("data-check", "full");
        await Assertions.Expect(verification).ToHaveAttributeAsync("data-verified", "yes");
        await page.Context.CloseAsync();
    }
}
