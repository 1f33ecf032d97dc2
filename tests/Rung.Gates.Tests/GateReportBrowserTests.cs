using Microsoft.Playwright;
using Rung.Core.Ladder;
using Rung.Gates.Evaluation;
using Rung.Gates.Reports;
using Rung.Testing;
using static Rung.Gates.Tests.Fixture;

namespace Rung.Gates.Tests;

/// <summary>The HTML gate report in headless Chromium: no console errors, no failed requests, verdict on top, chart drawn.</summary>
public sealed class GateReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task HtmlReport_InHeadlessChromium_RendersWithoutErrors_AndKeepsAScreenshot()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian package chromium (eng/test.sh does).");
        var evidence = PassingProduction();
        var cases = evidence.Cases.Select((c, i) => i % 5 == 0 && c.OccurredAt > Now - TimeSpan.FromDays(7) ? c with { Correct = false, CorrectAction = "scrap", ErrorSeverity = Core.Proposals.Severity.Low } : c).ToList();
        var report = GateEvaluator.Evaluate(UseCase(), evidence with { Cases = cases });
        Assert.False(report.Passed);

        using var dir = new TempDirectory();
        var path = dir.File("gate-report.html");
        await File.WriteAllTextAsync(path, GateReportHtml.Write(report));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        foreach (var (scheme, name) in new[] { (ColorScheme.Dark, "gate-report.png"), (ColorScheme.Light, "gate-report-light.png") })
        {
            // A tablet in landscape.
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 }, ColorScheme = scheme });
            var problems = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    problems.Add($"console {message.Type}: {message.Text}");
                }
            };
            page.PageError += (_, error) => problems.Add("page error: " + error);
            page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");
            var requests = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);

            await page.GotoAsync(new Uri(path).AbsoluteUri);
            Assert.Equal("FAIL", (await page.Locator("#verdict").InnerTextAsync()).Trim());
            Assert.True(await page.Locator("#production\\.accuracy svg rect").CountAsync() >= 3);
            Assert.Equal(0, await page.Locator("script").CountAsync());
            var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
            Assert.Equal(scheme == ColorScheme.Dark ? "rgb(13, 17, 23)" : "rgb(255, 255, 255)", background);
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, "the report is wider than a tablet's screen");

            Directory.CreateDirectory(ScreenshotFolder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name), FullPage = true });
            Assert.Empty(problems);
            Assert.Equal([new Uri(path).AbsoluteUri], requests);
            await page.CloseAsync();
        }

        Assert.Equal(Stage.AutoWithExceptions, report.ReturnTo);
    }

    private static string ScreenshotFolder => Path.Combine(RepoRoot(), "artifacts", "screenshots");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rung.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Rung.slnx not found above " + AppContext.BaseDirectory);
    }
}
