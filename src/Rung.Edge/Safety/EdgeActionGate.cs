using Rung.Runtime.Connectors;
using Rung.Storage;
using Rung.Storage.Edge;
using Rung.Storage.Journal;

namespace Rung.Edge.Safety;

/// <summary>
/// The last step before an edge's action reaches the plant. An action is valid for a window from its commit: one
/// that cannot reach the target inside it (the broker was down, the edge was off) is never fired late; it becomes an
/// exception item, and so does one held by a stop switch. Only valid actions reach the connector, each when the
/// connector is ready, and the connector call is bounded by the time left in the window: a delivery not confirmed by
/// then (a publish caught by a broker outage) becomes an exception item too, and a connector that takes deadlines
/// (<see cref="IDeadlineActionConnector"/>) is told the deadline, so it withdraws the command and stamps it with
/// <c>valid_until</c>. The runtime then marks every action of the call settled, so none is tried again; the journal
/// reports a settled action that has an exception item as not delivered.
/// </summary>
public sealed class EdgeActionGate : IActionConnector
{
    private readonly IActionConnector _inner;
    private readonly IEdgeStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _validity;
    private readonly Func<PendingAction, StopEvent?> _stoppedBy;
    private readonly Func<bool> _ready;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a person has to look at the exception item of an action that was not sent.</summary>
    public static TimeSpan ExceptionDue { get; } = TimeSpan.FromHours(4);

    private long _expired;
    private long _held;
    private long _unconfirmed;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The plant connector.</param>
    /// <param name="store">The edge's journal, where refused actions become exception items.</param>
    /// <param name="time">The clock.</param>
    /// <param name="validity">How long after its commit an action may still fire.</param>
    /// <param name="stoppedBy">The stop event in force for an action's agent, or null.</param>
    /// <param name="ready">True when the connector can deliver now (the broker is connected); null means always.</param>
    public EdgeActionGate(IActionConnector inner, IEdgeStore store, TimeProvider time, TimeSpan validity, Func<PendingAction, StopEvent?> stoppedBy, Func<bool>? ready = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(stoppedBy);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        _inner = inner;
        _store = store;
        _time = time;
        _validity = validity;
        _stoppedBy = stoppedBy;
        _ready = ready ?? (() => true);
    }

    /// <summary>Actions that expired before they could fire.</summary>
    public long Expired => Interlocked.Read(ref _expired);

    /// <summary>Actions handed to the connector whose delivery was not confirmed inside their window.</summary>
    public long Unconfirmed => Interlocked.Read(ref _unconfirmed);

    /// <summary>Actions held back by a stop switch.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Raised for each action turned into an exception item, with its reason.</summary>
    public event EventHandler<(PendingAction Action, string Reason)>? Refused;

    /// <inheritdoc />
    public async ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions)
        {
            var validUntil = action.CommittedAt + _validity;
            if (_stoppedBy(action) is { } stop)
            {
                Interlocked.Increment(ref _held);
                await RefuseAsync(action, $"action not sent: stopped by {stop.Actor} ({stop.Reason})", cancellationToken).ConfigureAwait(false);
                continue;
            }

            while (!_ready() && _time.GetUtcNow() < validUntil)
            {
                await Task.Delay(Poll, _time, cancellationToken).ConfigureAwait(false);
            }

            if (_time.GetUtcNow() >= validUntil)
            {
                Interlocked.Increment(ref _expired);
                await RefuseAsync(action, $"action expired: not delivered within its validity of {_validity.TotalSeconds:0.#} s after commit", cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!await DeliverInWindowAsync(action, validUntil, cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _unconfirmed);
                var reason = $"action not confirmed in time: delivery was not confirmed within its validity of {_validity.TotalSeconds:0.#} s after commit; "
                    + $"it may have reached the broker, and carries valid_until {validUntil.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} so a consumer discards it if it arrives later";
                await RefuseAsync(action, reason, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Hands one action to the connector and waits at most until <paramref name="validUntil"/>; true only when the
    /// connector confirmed it and the window had not passed when that was seen. Polls the clock rather than arming a
    /// timer, like the wait for readiness, so the window follows the gate's <see cref="TimeProvider"/>.
    /// </summary>
    private async Task<bool> DeliverInWindowAsync(PendingAction action, DateTimeOffset validUntil, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delivery = _inner is IDeadlineActionConnector deadline
            ? deadline.DeliverByAsync(action, validUntil, abandon.Token).AsTask()
            : DeliverAsConfirmedAsync(action, abandon.Token);
        while (!delivery.IsCompleted)
        {
            var left = validUntil - _time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            await Task.WhenAny(delivery, Task.Delay(left < Poll ? left : Poll, _time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var inTime = _time.GetUtcNow() < validUntil;
        if (!delivery.IsCompleted)
        {
            // A connector that ignores cancellation keeps its call; its late outcome no longer matters, and an error it
            // ends with is observed here so it is not reported as unobserved.
            await abandon.CancelAsync().ConfigureAwait(false);
            _ = delivery.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return false;
        }

        if (delivery.IsCanceled && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        // A refusal by the target (an exception) goes to the runtime as before: the action stays undelivered.
        return await delivery.ConfigureAwait(false) && inTime;
    }

    private async Task<bool> DeliverAsConfirmedAsync(PendingAction action, CancellationToken cancellationToken)
    {
        await _inner.DeliverAsync([action], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private async Task RefuseAsync(PendingAction action, string reason, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await _store.AddActionExceptionAsync(action.CaseId, action.AgentId, reason, now, now + ExceptionDue, cancellationToken).ConfigureAwait(false);
        Refused?.Invoke(this, (action, reason));
    }
}
