using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rung.Governance.Identity;
using Rung.Server;
using Rung.Server.Hosting;
using Rung.UseCases;

namespace Rung.Cli.Demo;

/// <summary>
/// The web console over the demo's data folder while the demo runs, on a loopback port: the one asked for when
/// free, another free one otherwise. It starts once the run has made its database, adds the demo's people to it
/// (an operator, an approver and an owner, with passwords made up for this run), and stops with the demo.
/// </summary>
internal sealed class DemoConsoleHost : IAsyncDisposable
{
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private readonly string _data;
    private DemoPlantClock? _plant;
    private Task<WebApplication?>? _app;

    private DemoConsoleHost(string data, int port)
    {
        _data = data;
        Address = $"http://127.0.0.1:{port}";
        Users =
        [
            new DemoUser("operator", "Olli Operator", Role.Operator, NewPassword()),
            new DemoUser("approver", "Anna Approver", Role.Approver, NewPassword()),
            new DemoUser("owner", "Omar Owner", Role.Owner, NewPassword()),
        ];
    }

    /// <summary>Where the console is served.</summary>
    public string Address { get; }

    /// <summary>The people the demo signs in as; their passwords exist only in this process and the demo's output.</summary>
    public IReadOnlyList<DemoUser> Users { get; }

    /// <summary>Picks the port now, so the address can be printed before the run starts.</summary>
    public static DemoConsoleHost Create(string data, int preferredPort) => new(data, FreePort(preferredPort));

    /// <summary>
    /// Starts the console once, in the background (failures are reported, never fatal to the demo), and moves its
    /// plant clock to the simulated <paramref name="now"/>.
    /// </summary>
    public void StartOnce(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _plant ??= new DemoPlantClock(now);
        _plant.MoveTo(now);
        _app ??= StartAsync(cancellationToken);
    }

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
            var useCase = UseCaseLoader.LoadFile(Path.Combine(_data, "usecase.yaml")).Definition;
            var options = new ConsoleOptions { DatabasePath = Path.Combine(_data, "rung.db"), Urls = [Address], UseCases = [useCase], Calendar = useCase.Agent.Calendar, PlantClock = _plant };
            var app = await ConsoleApp.BuildAsync(options, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            var identity = app.Services.GetRequiredService<IdentityService>();
            foreach (var user in Users)
            {
                // The owner also reads the audit trail, which spans every line; the others work the demo's line.
                string[] zones = user.Role == Role.Owner ? [Zones.Everywhere] : [useCase.Agent.Scope];
                await identity.AddUserAsync(user.UserId, user.PrintedName, [user.Role], zones, user.Password, "system", cancellationToken).ConfigureAwait(false);
            }

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return app;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UseCaseFileException)
        {
            await Console.Error.WriteLineAsync($"The console could not start at {Address}: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }

    private static string NewPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, 16);

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
