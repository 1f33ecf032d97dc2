using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Conduits;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Runtime.Notifications;
using Rung.Server.Components;
using Rung.Server.Data;
using Rung.Server.Security;
using Rung.Storage;
using Rung.Storage.Audit;
using Rung.Storage.Identity;
using Rung.Storage.Leases;

namespace Rung.Server.Hosting;

/// <summary>
/// Builds the web console: a Blazor (interactive server) app over one Rung SQLite store, signing people in
/// against the users stored there (<c>rung user add</c>) and checkpointing the audit chain while it runs.
/// </summary>
public static class ConsoleApp
{
    /// <summary>
    /// Opens (and migrates) the store and builds the app; call <c>RunAsync</c> or <c>StartAsync</c> on the result.
    /// The app owns the store and the server key and closes them when disposed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An interval or an identity option is out of range.</exception>
    public static async Task<WebApplication> BuildAsync(ConsoleOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PollInterval, TimeSpan.FromMilliseconds(100));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CheckpointInterval, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AlarmSweepInterval, TimeSpan.FromSeconds(1));
        var identityOptions = options.Identity.Validate();
        var store = await RungStoreFactory.OpenAsync(options.Store ?? options.DatabasePath, time, cancellationToken).ConfigureAwait(false);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        PlantConduits? conduits;
        try
        {
            conduits = PlantConduits.Load(options.DataFolder);
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
        builder.Services.AddSingleton<IRungDataStore>(_ => store);
        builder.Services.AddSingleton<IRungStore>(_ => store);
        builder.Services.AddSingleton<IConsoleQueries>(_ => store);
        builder.Services.AddSingleton<IAuditStore>(_ => store);
        builder.Services.AddSingleton<IIdentityStore>(_ => store);
        builder.Services.AddSingleton(_ => ServerKey.LoadOrCreate(GovernancePaths.Keys(options.DataFolder)));
        builder.Services.AddSingleton(identityOptions);
        builder.Services.AddSingleton<ISecurityAlarms>(_ => new StoreSecurityAlarms(store, identityOptions.SecurityOwner));
        builder.Services.AddSingleton(_ => new EdgeFlowGate(conduits, new RefusedFlowAlarms(store, store, identityOptions.SecurityOwner, time)));
        builder.Services.AddSingleton<IdentityService>();
        builder.Services.AddSingleton<SignatureService>();
        builder.Services.AddSingleton<ConsoleSessions>();
        builder.Services.AddSingleton<ConsoleGate>();
        builder.Services.AddSingleton(s => new AuditCheckpointer(store, s.GetRequiredService<ServerKey>(), GovernancePaths.CheckpointFile(options.DataFolder), time));
        builder.Services.AddSingleton(_ => new BackgroundLease(store, options.InstanceId, options.LeaseDuration ?? options.CheckpointInterval * 3));
        builder.Services.AddHostedService<AuditCheckpointService>();
        builder.Services.AddSingleton(_ => new AlarmEscalationSweep(store, options.UseCases, new Notifier([new FileChannel(Path.Combine(options.DataFolder, "pages.jsonl"))]), options.PlantClock ?? time));
        builder.Services.AddHostedService(s => new AlarmEscalationService(
            s.GetRequiredService<AlarmEscalationSweep>(), new BackgroundLease(store, options.InstanceId, options.LeaseDuration ?? options.AlarmSweepInterval * 3), options, time, s.GetRequiredService<ILogger<AlarmEscalationService>>()));
        builder.Services.AddSingleton<IGateStore>(_ => store);
        builder.Services.AddSingleton<IModelRegistryStore>(_ => store);
        builder.Services.AddSingleton<RunningAgents>();
        builder.Services.AddSingleton<ConsoleData>();
        builder.Services.AddSingleton<GateConsole>();
        builder.Services.AddSingleton<ModelConsole>();
        builder.Services.AddSingleton<AuditReader>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/denied";
            cookie.Cookie.Name = "rung.console";
            cookie.Cookie.HttpOnly = true;
            // Strict: every post comes from the console's own pages, so no cross-site request needs the session.
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurity.PolicyFor(options.Urls);
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
            // The cookie names a server-side session; the session's idle timeout decides, not the cookie's lifetime.
            cookie.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
        });
        builder.Services.AddAuthorization(ConsolePolicies.AddTo);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntiforgery(a =>
        {
            // Not a credential: Secure over HTTPS, as the request. ASP.NET refuses to issue an Always token over plain
            // HTTP, which would break the sign-in page itself rather than just the session.
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            a.Cookie.HttpOnly = true;
            a.Cookie.SameSite = SameSiteMode.Strict;
            // SecurityHeaders sends the stricter DENY on every response; two values would contradict each other.
            a.SuppressXFrameOptionsHeader = true;
        });
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddSingleton(_ => new RateLimits(options.RateLimits.Validate()));

        var app = builder.Build();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        ConsoleAssets.Map(app);
        AccountEndpoints.Map(app);
        Api.RungApi.Map(app, store, options, time);
        AuditExportEndpoints.Map(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
