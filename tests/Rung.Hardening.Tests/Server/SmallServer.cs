using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Rung.Governance.Conduits;
using Rung.Governance.Identity;
using Rung.Server;
using Rung.Server.Hosting;
using Rung.Storage;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Hardening.Tests.Server;

/// <summary>A real server over its own data folder, listening where a test says, with an optional conduits.json.</summary>
internal sealed class SmallServer : IAsyncDisposable
{
    private readonly TempDirectory folder;

    private SmallServer(TempDirectory folder, WebApplication app, string baseUrl)
    {
        this.folder = folder;
        App = app;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }

    /// <summary>A loopback address of the server, whatever it listens on.</summary>
    public string BaseUrl { get; }

    public SqliteRungStore Store => (SqliteRungStore)App.Services.GetRequiredService<IRungStore>();

    public IdentityService Identity => App.Services.GetRequiredService<IdentityService>();

    public static async Task<SmallServer> StartAsync(string url, string? conduitsJson = null)
    {
        var folder = new TempDirectory();
        if (conduitsJson is not null)
        {
            await File.WriteAllTextAsync(PlantConduits.PathIn(folder.Path), conduitsJson);
        }

        var app = await ConsoleApp.BuildAsync(new ConsoleOptions { DatabasePath = folder.File("rung.db"), Urls = [url] }, TimeProvider.System);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new SmallServer(folder, app, $"http://127.0.0.1:{address.Port}");
    }

    public HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(BaseUrl) };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        folder.Dispose();
    }
}
