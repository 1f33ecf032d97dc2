using System.Diagnostics;

namespace Rung.Storage.Tests.Scale;

/// <summary>One real <c>rung serve</c> process; stopped with SIGTERM so it shuts down as under systemd.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    // A guard against a hung child, not a performance assertion.
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly Task<string> _stderr;

    private ServeProcess(Process process, string address)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        Address = address;
    }

    public string Address { get; }

    public static async Task<ServeProcess> StartAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rung.dll"));
        info.ArgumentList.Add("serve");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        using var guard = new CancellationTokenSource(HangGuard);
        string? line;
        do
        {
            line = await process.StandardOutput.ReadLineAsync(guard.Token);
        }
        while (line is not null && !line.StartsWith("Rung console at ", StringComparison.Ordinal));

        if (line is null)
        {
            var error = await process.StandardError.ReadToEndAsync(guard.Token);
            await process.WaitForExitAsync(guard.Token);
            throw new InvalidOperationException($"rung serve exited with {process.ExitCode} before listening: {error}");
        }

        _ = process.StandardOutput.ReadToEndAsync();
        return new ServeProcess(process, line["Rung console at ".Length..].Split(' ')[0]);
    }

    /// <summary>SIGTERM and wait: the host runs its shutdown (the last audit checkpoint) before exiting.</summary>
    public async Task<int> StopAsync()
    {
        if (_process.HasExited)
        {
            return _process.ExitCode;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var guard = new CancellationTokenSource(HangGuard);
        await _process.WaitForExitAsync(guard.Token);
        return _process.ExitCode;
    }

    public Task<string> ErrorsAsync() => _stderr;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
