using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Rung.Server;
using Rung.Server.Hosting;
using Rung.Server.Security;
using Rung.UseCases;

namespace Rung.Cli.Demo;

/// <summary>
/// The web console over the demo's data folder while the demo runs, on a loopback port: the one asked for when
/// free, another free one otherwise. It starts once the run has made its database, and stops with the demo.
/// </summary>
internal sealed class DemoConsoleHost : IAsyncDisposable
{
    /// <summary>The demo's console user: every role, so every page and button shows.</summary>
    public const string User = "demo";

    private readonly string _data;
    private Task<WebApplication?>? _app;

    private DemoConsoleHost(string data, int port)
    {
        _data = data;
        Address = $"http://127.0.0.1:{port}";
    }

    /// <summary>Where the console is served.</summary>
    public string Address { get; }

    /// <summary>Picks the port now, so the address can be printed before the run starts.</summary>
    public static DemoConsoleHost Create(string data, int preferredPort) => new(data, FreePort(preferredPort));

    /// <summary>Starts the console once, in the background; failures are reported, never fatal to the demo.</summary>
    public void StartOnce(CancellationToken cancellationToken) => _app ??= StartAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null && await _app.ConfigureAwait(false) is { } app)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<WebApplication?> StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var users = new InMemoryUserDirectory([(new ConsoleUser(User, "Demo user", ConsoleRoles.All.ToHashSet(StringComparer.Ordinal)), User)]);
            var useCase = UseCaseLoader.LoadFile(Path.Combine(_data, "usecase.yaml")).Definition;
            var options = new ConsoleOptions { DatabasePath = Path.Combine(_data, "rung.db"), Urls = [Address], UseCases = [useCase], Calendar = useCase.Agent.Calendar };
            var app = await ConsoleApp.BuildAsync(options, users, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return app;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UseCaseFileException)
        {
            await Console.Error.WriteLineAsync($"The console could not start at {Address}: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }

    private static int FreePort(int preferred)
    {
        foreach (var port in new[] { preferred, 0 })
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            catch (SocketException) when (port != 0)
            {
                // Busy: take any free port instead.
            }
        }

        throw new InvalidOperationException("No free loopback port.");
    }
}
