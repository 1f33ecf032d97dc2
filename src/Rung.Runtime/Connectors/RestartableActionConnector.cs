using Rung.Storage.Journal;

namespace Rung.Runtime.Connectors;

/// <summary>
/// Holds an action connector that can be closed and opened again while the agent keeps running, as after a
/// connector process restart or a target outage; deliveries wait while it restarts. Safe to use from several threads.
/// </summary>
/// <typeparam name="T">The connector type.</typeparam>
public sealed class RestartableActionConnector<T> : IActionConnector
    where T : IActionConnector
{
    private readonly Func<CancellationToken, Task<T>> _open;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private T _current;
    private bool _disposed;

    /// <summary>Holds <paramref name="first"/>, already open; <paramref name="reopen"/> opens it again at each restart.</summary>
    public RestartableActionConnector(T first, Func<CancellationToken, Task<T>> reopen)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(reopen);
        _open = reopen;
        _current = first;
    }

    /// <summary>The connector now open.</summary>
    public T Current => _current;

    /// <summary>How many times the connector was restarted.</summary>
    public int Restarts { get; private set; }

    /// <inheritdoc />
    public async ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await _current.DeliverAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connector and opens it again; what it holds must be read back from the target.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await _current.DisposeAsync().ConfigureAwait(false);
            _current = await _open(cancellationToken).ConfigureAwait(false);
            Restarts++;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _current.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
