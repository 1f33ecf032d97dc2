namespace Rung.Models.JsonLines;

/// <summary>
/// How to run a model as a child process speaking JSON lines on stdin/stdout
/// (see docs/model-adapters.md for the protocol).
/// </summary>
/// <param name="FileName">The program to start, for example <c>python3</c>. Resolved through PATH.</param>
/// <param name="Version">The model version recorded with every proposal.</param>
public sealed record ProcessModelOptions(string FileName, string Version)
{
    /// <summary>Arguments, passed one by one without shell quoting. Default: none.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The child's working directory, or null for the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Variables added to (or replacing) the inherited environment. <c>PYTHONUNBUFFERED=1</c> is set unless given here,
    /// so a Python script that prints without flushing still answers at once.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Longest wait for one answer. Default 2 s. Past it the call fails with Timeout and the process is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest wait for the first answer after a (re)start, which includes loading the model (imports, unpickling).
    /// Default 30 s. The longer of this and <see cref="Timeout"/> applies to that first call.
    /// </summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most restarts allowed within <see cref="RestartWindow"/>. Default 5. Once reached, calls fail fast with Crashed
    /// (no process is started) until the oldest restart leaves the window.
    /// </summary>
    public int MaxRestarts { get; init; } = 5;

    /// <summary>The sliding window for <see cref="MaxRestarts"/>. Default 1 minute.</summary>
    public TimeSpan RestartWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest answer line accepted, in bytes of UTF-8. Default 1 MiB. A longer line is InvalidAnswer and the process is restarted.</summary>
    public int MaxLineBytes { get; init; } = 1024 * 1024;

    /// <summary>How long <see cref="ProcessModelAdapter.DisposeAsync"/> waits for the child to exit after closing its stdin, before killing it. Default 1 s.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the options and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(FileName))
        {
            throw new ArgumentException("ProcessModelOptions.FileName is empty: name the program to start, for example python3.", nameof(FileName));
        }

        if (string.IsNullOrWhiteSpace(Version))
        {
            throw new ArgumentException("ProcessModelOptions.Version is empty: every proposal records the model version.", nameof(Version));
        }

        RequirePositive(Timeout, nameof(Timeout));
        RequirePositive(StartupTimeout, nameof(StartupTimeout));
        RequirePositive(RestartWindow, nameof(RestartWindow));
        if (ShutdownGrace < TimeSpan.Zero)
        {
            throw new ArgumentException($"ProcessModelOptions.ShutdownGrace is {ShutdownGrace}; it must not be negative.", nameof(ShutdownGrace));
        }

        if (MaxRestarts < 0)
        {
            throw new ArgumentException($"ProcessModelOptions.MaxRestarts is {MaxRestarts}; it must be 0 or more.", nameof(MaxRestarts));
        }

        if (MaxLineBytes < 64)
        {
            throw new ArgumentException($"ProcessModelOptions.MaxLineBytes is {MaxLineBytes}; it must be at least 64.", nameof(MaxLineBytes));
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"ProcessModelOptions.{name} is {value}; it must be positive.", name);
        }
    }
}
