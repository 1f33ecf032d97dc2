using System.Collections.Concurrent;
using System.Diagnostics;

namespace Rung.Cli.Tests;

/// <summary>The real <c>rung</c> command as a child process, its output captured line by line.</summary>
internal sealed class RungProcess : IDisposable
{
    // A guard against a hung child, not a performance assertion.
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    private readonly Process _process;

    private RungProcess(Process process)
    {
        _process = process;
    }

    public BlockingCollection<string> StdoutLines { get; } = [];

    public ConcurrentQueue<string> StderrLines { get; } = new();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static RungProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rung.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new RungProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                result.StdoutLines.CompleteAdding();
            }
            else
            {
                result.StdoutLines.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                result.StderrLines.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Runs to the end and returns the exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        await process.WaitForExitAsync();
        return (process.ExitCode, string.Join('\n', process.StdoutLines), string.Join('\n', process.StderrLines));
    }

    public async Task WaitForExitAsync()
    {
        using var guard = new CancellationTokenSource(HangGuard);
        await _process.WaitForExitAsync(guard.Token);
        _process.WaitForExit();
    }

    /// <summary>Kills the process and its children at once, as a power cut or an OOM killer would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        StdoutLines.Dispose();
    }
}
