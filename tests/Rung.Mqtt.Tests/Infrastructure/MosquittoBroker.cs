using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Rung.Testing;

namespace Rung.Mqtt.Tests.Infrastructure;

/// <summary>
/// A private Mosquitto process on a free loopback port with persistence in a temp directory. Stopping sends
/// SIGTERM so the broker saves its sessions; starting again reuses the port and the saved state.
/// A missing mosquitto binary fails the test (eng/test.sh installs it).
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private Process? _process;

    private MosquittoBroker(int port) => Port = port;

    public int Port { get; }

    public string LogPath => _directory.File("mosquitto.log");

    public static async Task<MosquittoBroker> StartAsync(string extraConfig = "")
    {
        var broker = new MosquittoBroker(FreePort());
        await File.WriteAllTextAsync(broker._directory.File("mosquitto.conf"), $"""
            listener {broker.Port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {broker._directory.Path}/
            autosave_interval 0
            user root
            max_queued_messages 100000
            log_dest file {broker.LogPath}
            log_type all
            {extraConfig}
            """);
        await broker.StartAsync();
        return broker;
    }

    public static string Executable { get; } = Find("mosquitto", "/usr/sbin/mosquitto");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Executable, ["-c", _directory.File("mosquitto.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync(deadline.Token)}");
            }
        }
    }

    /// <summary>Graceful stop: SIGTERM, so that sessions and queued messages are saved.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _directory.Dispose();
    }

    internal static string Find(string name, string fallback)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin"))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return fallback;
    }
}
