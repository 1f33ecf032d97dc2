using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rung.Governance.Identity;
using Rung.Server.Hosting;
using Rung.Storage;
using Rung.Testing;

namespace Rung.Server.Tests;

/// <summary>
/// The console on an in-process Kestrel at an OS-chosen loopback port over a seeded store, and one headless system
/// Chromium. Shared by the browser tests, which run one after another. The console's clock is a manual one that
/// starts at the real time: sessions and audit entries read it, and a test moves it to pass the idle timeout.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class ConsoleFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private TempDirectory? _folder;
    private IPlaywright? _playwright;

    public WebApplication App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = string.Empty;

    public IRungStore Store => App.Services.GetRequiredService<IRungStore>();

    internal ManualTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    /// <summary>Wrong passwords that lock an account here (fewer than the default, so the test is short).</summary>
    public static int MaxFailedAttempts => 3;

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public static string ScreenshotFolder { get; } = Path.Combine(RepoRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        _folder = new TempDirectory();
        var options = new ConsoleOptions
        {
            DatabasePath = _folder.File("rung.db"),
            Urls = ["http://127.0.0.1:0"],
            // The page sweeps sign one user in for every page and colour scheme, faster than a person ever would;
            // the limits themselves are tested in Rung.Hardening.Tests.
            RateLimits = new RateLimitOptions { SignInsPerUserPerMinute = 10_000, SignInsPerAddressPerMinute = 10_000 },
            PollInterval = TimeSpan.FromMilliseconds(200),
            Identity = new IdentityOptions { MaxFailedAttempts = MaxFailedAttempts },
        };
        App = await ConsoleApp.BuildAsync(options, Clock);
        await SeedData.WriteAsync(Store, Clock.GetUtcNow());
        await SeedEdges.WriteAsync(Store, Clock.GetUtcNow());
        await TestUsers.AddAsync(Get<IdentityService>());
        await App.StartAsync();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        Assert.True(File.Exists(Chromium), $"Browser tests need {Chromium} (Debian package chromium; eng/test.sh installs it).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser context signed in as <paramref name="user"/>, on the portfolio page.</summary>
    public async Task<IPage> SignInAsync(string user, ColorScheme scheme = ColorScheme.Light)
    {
        var page = await NewPageAsync(scheme);
        await page.GotoAsync("/signin");
        await page.GetByLabel("User id").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    /// <summary>A fresh browser context, signed in as nobody.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ColorScheme = scheme, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        _folder?.Dispose();
    }

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

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
