using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Rung.Models.JsonLines;

/// <summary>One running instance of the model's program, with its pipes. Owned by the adapter.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StderrDrainWait = TimeSpan.FromMilliseconds(500);

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly LineReader _stdout;
    private readonly StderrTail _stderr = new();
    private readonly Task _stderrPump;
    private bool _killed;

    private ChildProcess(Process process, int maxLineBytes)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        _stdout = new LineReader(process.StandardOutput.BaseStream, maxLineBytes);
        _stderrPump = _stderr.PumpAsync(process.StandardError, CancellationToken.None);
    }

    /// <summary>True once the child has answered at least one request.</summary>
    public bool HasAnswered { get; set; }

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Starts the program. Throws <see cref="ModelCallException"/> (Crashed) when it cannot be started.</summary>
    public static ChildProcess Start(ProcessModelOptions options)
    {
        var info = new ProcessStartInfo(options.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            CreateNoWindow = true,
        };
        foreach (var argument in options.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (options.WorkingDirectory is not null)
        {
            info.WorkingDirectory = options.WorkingDirectory;
        }

        info.Environment["PYTHONUNBUFFERED"] = "1";
        if (options.Environment is not null)
        {
            foreach (var (name, value) in options.Environment)
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            process.Dispose();
            throw new ModelCallException(
                ModelFailure.Crashed,
                $"The model program '{options.FileName}' could not be started{InDirectory(options)}: {ex.Message}",
                ex);
        }

        return new ChildProcess(process, options.MaxLineBytes);
    }

    public async ValueTask WriteLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        await _stdin.WriteAsync(line, cancellationToken);
        await _stdin.FlushAsync(cancellationToken);
    }

    public ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken) =>
        _stdout.ReadLineAsync(cancellationToken);

    /// <summary>
    /// Waits briefly for the child to finish exiting and says how it ended: exit code and the tail of stderr.
    /// Kills it when it does not exit (its stdout closed but it lives on).
    /// </summary>
    public async Task<string> DescribeExitAsync(TimeProvider timeProvider)
    {
        string exit;
        try
        {
            await _process.WaitForExitAsync().WaitAsync(ExitWait, timeProvider);
            exit = $"exited with code {_process.ExitCode}";
        }
        catch (TimeoutException)
        {
            Kill();
            exit = "closed its stdout but did not exit (killed)";
        }

        try
        {
            await _stderrPump.WaitAsync(StderrDrainWait, timeProvider);
        }
        catch (TimeoutException)
        {
            // A grandchild may hold stderr open; quote what arrived.
        }

        return $"{exit}; stderr: {_stderr.Snapshot()}";
    }

    /// <summary>Kills the child and everything it started. Safe to call more than once.</summary>
    public void Kill()
    {
        if (_killed)
        {
            return;
        }

        _killed = true;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    /// <summary>Closes stdin so a well-behaved child ends its loop, waits up to <paramref name="grace"/>, then kills.</summary>
    public async ValueTask ShutdownAsync(TimeSpan grace, TimeProvider timeProvider)
    {
        try
        {
            _stdin.Close();
        }
        catch (IOException)
        {
            // The pipe is already broken: the child is gone or going.
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(grace, timeProvider);
        }
        catch (TimeoutException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _stderrPump.WaitAsync(StderrDrainWait);
        }
        catch (TimeoutException)
        {
        }

        _process.Dispose();
    }

    private static string InDirectory(ProcessModelOptions options) =>
        options.WorkingDirectory is null ? string.Empty : $" in '{options.WorkingDirectory}'";
}
