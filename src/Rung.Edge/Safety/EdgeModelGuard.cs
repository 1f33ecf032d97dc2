using Rung.Core.Cases;
using Rung.Models;

namespace Rung.Edge.Safety;

/// <summary>
/// Stands between an agent and its model on an edge. A stop switch in force answers before the model is asked, as a
/// failed call, so the runtime records the use case's safe default with zero confidence (nothing can commit it) and
/// the reason. A call over its budget is abandoned and reported as a timeout the same way: the watchdog.
/// While the forwarding buffer is full, calls wait (backpressure: the line's broker keeps the unread input).
/// When the model is an <see cref="IModelCallObserver"/>, it hears how every call it was asked ended, timeouts included.
/// </summary>
public sealed class EdgeModelGuard : IModelAdapter
{
    private readonly IModelAdapter _inner;
    private readonly Func<Storage.Edge.StopEvent?> _stoppedBy;
    private readonly Func<CancellationToken, ValueTask> _admit;
    private readonly TimeSpan _budget;
    private readonly TimeProvider _time;
    private readonly IModelCallObserver? _observer;
    private readonly Func<string?> _heldBy;
    private long _timeouts;
    private long _stopped;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The model.</param>
    /// <param name="stoppedBy">The stop event in force for this agent, or null.</param>
    /// <param name="budget">Longest a call may take.</param>
    /// <param name="time">The clock the budget runs on.</param>
    /// <param name="admit">Waits while the edge may take no more cases; null admits at once.</param>
    /// <param name="heldBy">
    /// Why the model may not be asked now although no stop switch is in force (the server withdrew automatic commits
    /// and the runtime has not adopted the new stage yet), or null; the case then gets the safe default like a stop.
    /// </param>
    public EdgeModelGuard(IModelAdapter inner, Func<Storage.Edge.StopEvent?> stoppedBy, TimeSpan budget, TimeProvider time, Func<CancellationToken, ValueTask>? admit = null, Func<string?>? heldBy = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(stoppedBy);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(budget, TimeSpan.Zero);
        _inner = inner;
        _stoppedBy = stoppedBy;
        _budget = budget;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _admit = admit ?? (_ => ValueTask.CompletedTask);
        _observer = inner as IModelCallObserver;
        _heldBy = heldBy ?? (() => null);
    }

    /// <inheritdoc />
    public string Version => _inner.Version;

    /// <summary>Calls abandoned over budget.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Cases answered by a stop switch.</summary>
    public long Stopped => Interlocked.Read(ref _stopped);

    /// <inheritdoc />
    public async ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        await _admit(cancellationToken).ConfigureAwait(false);
        if (_stoppedBy() is { } stop)
        {
            Interlocked.Increment(ref _stopped);
            throw new ModelCallException(ModelFailure.Unavailable, stop.Holding);
        }

        if (_heldBy() is { } held)
        {
            throw new ModelCallException(ModelFailure.Unavailable, held);
        }

        using var budget = new CancellationTokenSource(_budget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var call = _inner.PredictAsync(features, linked.Token).AsTask();
        try
        {
            // WaitAsync: a model that ignores cancellation still loses the case at the budget.
            var output = await call.WaitAsync(linked.Token).ConfigureAwait(false);
            await ObserveAsync(null, null, cancellationToken).ConfigureAwait(false);
            return output;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _timeouts);
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var message = $"no answer within the watchdog budget of {_budget.TotalMilliseconds:0} ms";
            await ObserveAsync(ModelFailure.Timeout, message, cancellationToken).ConfigureAwait(false);
            throw new ModelCallException(ModelFailure.Timeout, message);
        }
        catch (ModelCallException ex)
        {
            await ObserveAsync(ex.Failure, ex.Message, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private ValueTask ObserveAsync(ModelFailure? failure, string? message, CancellationToken cancellationToken) =>
        _observer is null ? ValueTask.CompletedTask : _observer.ObserveAsync(failure, message, cancellationToken);
}
