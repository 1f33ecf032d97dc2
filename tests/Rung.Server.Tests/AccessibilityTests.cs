using Microsoft.Playwright;

namespace Rung.Server.Tests;

/// <summary>Every page: inputs labelled, charts titled, focus visible, main text contrast at least 4.5:1, in both colour schemes.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsoleFixture fixture)
{
    // Runs in the page: returns a list of problems, empty when the page passes.
    internal const string Audit = """
        () => {
          const problems = [];
          for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
            const labelled = (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.getAttribute('aria-label') || el.closest('label');
            if (!labelled) problems.push('unlabelled ' + el.outerHTML.slice(0, 80));
          }
          for (const svg of document.querySelectorAll('svg')) {
            if (svg.getAttribute('aria-hidden') === 'true') continue;
            if (!svg.querySelector(':scope > title')) problems.push('svg without title');
          }
          const rgb = s => s.match(/[\d.]+/g).slice(0, 4).map(Number);
          const lum = ([r, g, b]) => { const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b); };
          const bgOf = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length < 4 || c[3] > 0) return c; } return rgb(getComputedStyle(document.body).backgroundColor); };
          const ratio = el => { const f = lum(rgb(getComputedStyle(el).color)), b = lum(bgOf(el)); return (Math.max(f, b) + 0.05) / (Math.min(f, b) + 0.05); };
          for (const el of document.querySelectorAll('body, h1, h2, p, td, th, a, button, label, .sub, .hint, dt, dd, li, caption')) {
            if (!el.textContent.trim()) continue;
            const r = ratio(el);
            if (r < 4.5) problems.push(`contrast ${r.toFixed(2)} on ${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 40)}`);
          }
          return problems;
        }
        """;

    [Theory]
    [InlineData("/", ColorScheme.Light, TestUsers.Ada)]
    [InlineData("/", ColorScheme.Dark, TestUsers.Ada)]
    [InlineData("/agents/line3-quality", ColorScheme.Light, TestUsers.Ada)]
    [InlineData("/agents/line3-quality", ColorScheme.Dark, TestUsers.Ada)]
    [InlineData("/approvals", ColorScheme.Light, TestUsers.Otto)]
    [InlineData("/approvals", ColorScheme.Dark, TestUsers.Ada)]
    [InlineData("/exceptions", ColorScheme.Light, TestUsers.Ada)]
    [InlineData("/alarms", ColorScheme.Dark, TestUsers.Ada)]
    [InlineData("/edges", ColorScheme.Light, TestUsers.Ada)]
    [InlineData("/edges", ColorScheme.Dark, TestUsers.Auditor)]
    [InlineData("/audit", ColorScheme.Light, TestUsers.Quinn)]
    [InlineData("/audit", ColorScheme.Dark, TestUsers.Quinn)]
    public async Task Page_PassesTheAccessibilityAudit(string path, ColorScheme scheme, string user)
    {
        var page = await fixture.SignInAsync(user, scheme);
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        var problems = await page.EvaluateAsync<string[]>(Audit);
        Assert.True(problems.Length == 0, path + " " + scheme + ": " + string.Join("; ", problems));
        var outlined = false;
        for (var i = 0; i < 12 && !outlined; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            outlined = await page.EvaluateAsync<bool>("() => document.activeElement.matches('a, button, input, select, [tabindex=\"0\"]') && getComputedStyle(document.activeElement).outlineStyle !== 'none' && parseFloat(getComputedStyle(document.activeElement).outlineWidth) >= 2");
        }

        Assert.True(outlined, path + ": no control reached by Tab showed a focus outline");
        var name = path == "/" ? "portfolio" : path.Trim('/').Replace('/', '-');
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.ScreenshotFolder, $"{name}-{scheme.ToString().ToLowerInvariant()}.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/signin?failed=locked", "signin")]
    [InlineData("/account/password?userId=pat&failed=rules", "change-password")]
    public async Task AnonymousPage_PassesTheAccessibilityAudit(string path, string name)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        var problems = await page.EvaluateAsync<string[]>(Audit);
        Assert.True(problems.Length == 0, string.Join("; ", problems));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.ScreenshotFolder, name + ".png") });
        await context.CloseAsync();
    }

    [Fact]
    public async Task SignDialog_PassesTheAccessibilityAudit()
    {
        var page = await fixture.SignInAsync(TestUsers.Quinn);
        await page.GotoAsync("/audit");
        // The button answers once the page's circuit is up.
        await Assertions.Expect(page.Locator("[data-interactive]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign audit review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        var problems = await page.EvaluateAsync<string[]>(Audit);
        Assert.True(problems.Length == 0, string.Join("; ", problems));
        await page.Context.CloseAsync();
    }
}
