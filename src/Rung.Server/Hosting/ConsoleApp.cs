using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rung.Server.Components;
using Rung.Server.Data;
using Rung.Server.Security;
using Rung.Storage;
using Rung.Storage.Sqlite;

namespace Rung.Server.Hosting;

/// <summary>Builds the web console: a Blazor (interactive server) app over one Rung SQLite store.</summary>
public static class ConsoleApp
{
    /// <summary>
    /// Opens (and migrates) the store and builds the app; call <c>RunAsync</c> or <c>StartAsync</c> on the result.
    /// The app owns the store and closes it when disposed.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(ConsoleOptions options, IConsoleUserDirectory users, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PollInterval, TimeSpan.FromMilliseconds(100));
        var store = await SqliteRungStore.OpenAsync(options.DatabasePath, time, cancellationToken).ConfigureAwait(false);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ConsoleApp).Assembly.GetName().Name });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(users);
        builder.Services.AddSingleton<IRungStore>(_ => store);
        builder.Services.AddSingleton<IConsoleQueries>(_ => store);
        builder.Services.AddSingleton<ConsoleData>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/denied";
            cookie.Cookie.Name = "rung.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
        });
        builder.Services.AddAuthorization(ConsolePolicies.AddTo);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntiforgery(a =>
        {
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            a.Cookie.SameSite = SameSiteMode.Strict;
            // SecurityHeaders sends the stricter DENY on every response; two values would contradict each other.
            a.SuppressXFrameOptionsHeader = true;
        });
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        var app = builder.Build();
        app.UseMiddleware<SecurityHeaders>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        ConsoleAssets.Map(app);
        AccountEndpoints.Map(app);
        Api.RungApi.Map(app, store, options, time);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
