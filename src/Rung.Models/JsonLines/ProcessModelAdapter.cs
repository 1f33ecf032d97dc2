using Rung.Core.Cases;

namespace Rung.Models.JsonLines;

/// <summary>
/// Runs a model's program as a supervised child process speaking JSON lines (one request line on stdin, one answer
/// line on stdout; see docs/model-adapters.md). The process starts on the first call or on <see cref="StartAsync"/>,
/// and is restarted on the next call after it crashed, timed out, was cancelled mid-call or answered out of step.
/// Calls are serialised: one request is in flight at a time. Thread-safe.
/// </summary>
/// <remarks>
/// Every failure surfaces as <see cref="ModelCallException"/>: <see cref="ModelFailure.Timeout"/> past
/// <see cref="ProcessModelOptions.Timeout"/>, <see cref="ModelFailure.Crashed"/> when the process died (the message
/// quotes its exit code and the tail of its stderr) or the restart budget is spent,
/// <see cref="ModelFailure.InvalidAnswer"/> naming the bad field, <see cref="ModelFailure.ModelError"/> when the model
/// answered with an error. Cancelling the caller's token throws <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class ProcessModelAdapter : IModelAdapter
{
    private readonly ProcessModelOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private readonly RestartBudget _restartBudget;
    private ChildProcess? _child;
    private bool _everStarted;
    private long _nextId;
    private int _restarts;
    private int _timeouts;
    private int _crashes;
    private int _disposed;

    /// <summary>Creates the adapter; nothing is started until the first call or <see cref="StartAsync"/>.</summary>
    /// <param name="options">What to run; checked here.</param>
    /// <param name="timeProvider">Clock for timeouts and the restart window; <see cref="TimeProvider.System"/> when null.</param>
    public ProcessModelAdapter(ProcessModelOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _restartBudget = new RestartBudget(options.MaxRestarts, options.RestartWindow, _timeProvider);
    }

    /// <inheritdoc />
    public string Version => _options.Version;

    /// <summary>How many times the process was started again after the first start.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>How many calls failed because the model did not answer in time.</summary>
    public int Timeouts => Volatile.Read(ref _timeouts);

    /// <summary>How many times the process was found dead (mid-call or between calls), or could not be started.</summary>
    public int Crashes => Volatile.Read(ref _crashes);

    /// <summary>
    /// Starts the process now rather than on the first call. Does nothing when it is already running.
    /// Throws <see cref="ModelCallException"/> (Crashed) when it cannot be started.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            EnsureStarted();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var waitCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        try
        {
            await _gate.WaitAsync(waitCancel.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(ProcessModelAdapter));
        }

        try
        {
            var child = EnsureStarted();
            return await CallAsync(child, features, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the child's stdin, waits up to <see cref="ProcessModelOptions.ShutdownGrace"/>, then kills its process tree.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Ends a call in flight (its child is killed) so the gate frees up promptly.
        await _disposing.CancelAsync();
        await _gate.WaitAsync();
        try
        {
            if (_child is not null)
            {
                await _child.ShutdownAsync(_options.ShutdownGrace, _timeProvider);
                await _child.DisposeAsync();
                _child = null;
            }
        }
        finally
        {
            // _disposing is left undisposed: a call racing with disposal may still link to its token.
            _gate.Release();
        }
    }

    private async Task<ModelOutput> CallAsync(ChildProcess child, FeatureVector features, CancellationToken cancellationToken)
    {
        var id = ++_nextId;
        var request = JsonLinesCodec.WriteRequest(id, features);
        var timeout = child.HasAnswered ? _options.Timeout : Max(_options.Timeout, _options.StartupTimeout);
        using var timeoutCts = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token, _disposing.Token);

        ReadOnlyMemory<byte>? line;
        try
        {
            await child.WriteLineAsync(request, linked.Token);
            line = await child.ReadLineAsync(linked.Token).AsTask().WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || _disposing.IsCancellationRequested)
        {
            // The answer may still arrive later and would be read as the next call's: the stream is out of step.
            await DiscardAsync();
            throw;
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _timeouts);
            await DiscardAsync();
            throw new ModelCallException(
                ModelFailure.Timeout,
                $"The model '{_options.FileName}' did not answer request {id} within {timeout.TotalMilliseconds:0} ms; the process was killed and will be restarted on the next call.");
        }
        catch (IOException ex)
        {
            // Writing to a child that has exited breaks the pipe.
            throw await CrashedAsync(child, id, ex);
        }
        catch (LineTooLongException ex)
        {
            await DiscardAsync();
            throw new ModelCallException(
                ModelFailure.InvalidAnswer,
                $"The model's answer to request {id} is invalid: the line is longer than {ex.MaxLineBytes} bytes; the process will be restarted.",
                ex);
        }

        if (line is null)
        {
            throw await CrashedAsync(child, id, null);
        }

        try
        {
            var output = JsonLinesCodec.ReadAnswer(line.Value.Span, id);
            child.HasAnswered = true;
            return output;
        }
        catch (ModelCallException)
        {
            // In step (the id matched): the process stays.
            child.HasAnswered = true;
            throw;
        }
        catch (OutOfStepAnswerException ex)
        {
            await DiscardAsync();
            throw new ModelCallException(
                ModelFailure.InvalidAnswer,
                $"The model's answer to request {id} is invalid: {ex.Message}; the process will be restarted.",
                ex);
        }
    }

    private ChildProcess EnsureStarted()
    {
        if (_child is not null)
        {
            if (!_child.HasExited)
            {
                return _child;
            }

            // Died between calls.
            Interlocked.Increment(ref _crashes);
            _ = _child.DisposeAsync().AsTask();
            _child = null;
        }

        if (_everStarted)
        {
            var blockedUntil = _restartBudget.BlockedUntil();
            if (blockedUntil is { } until)
            {
                throw new ModelCallException(
                    ModelFailure.Crashed,
                    $"The model '{_options.FileName}' was restarted {_options.MaxRestarts} times within {_options.RestartWindow}; "
                    + $"not restarting it again before {until:O} (crash-loop protection).");
            }

            _restartBudget.Record();
            Interlocked.Increment(ref _restarts);
        }

        _everStarted = true;
        try
        {
            _child = ChildProcess.Start(_options);
        }
        catch (ModelCallException)
        {
            Interlocked.Increment(ref _crashes);
            throw;
        }

        return _child;
    }

    private async Task<ModelCallException> CrashedAsync(ChildProcess child, long id, Exception? cause)
    {
        Interlocked.Increment(ref _crashes);
        var how = await child.DescribeExitAsync(_timeProvider);
        await DiscardAsync();
        return new ModelCallException(
            ModelFailure.Crashed,
            $"The model '{_options.FileName}' died during request {id}: it {how}. It will be restarted on the next call.",
            cause);
    }

    private async ValueTask DiscardAsync()
    {
        if (_child is null)
        {
            return;
        }

        var child = _child;
        _child = null;
        child.Kill();
        await child.DisposeAsync();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
