using System.Threading.Channels;
using Rung.Core.Outcomes;
using Rung.Core.Proposals;
using Rung.Core.UseCases;
using Rung.Models;
using Rung.Registry;
using Rung.Storage;
using Rung.Storage.Challengers;
using Rung.Storage.Journal;

namespace Rung.Runtime.Challengers;

/// <summary>
/// Runs the agent's challenger beside the champion on every live case, on its own worker, and stores what it
/// proposed beside the case. It never acts and never holds up or fails the champion: <see cref="Journalled"/> only
/// queues; a challenger that throws or hangs is counted (a hung call is abandoned after
/// <see cref="ChallengerShadowOptions.Timeout"/>, and no new call is made while it is still out). Safe to call from
/// several threads.
/// </summary>
public sealed class ChallengerShadow : IDecisionObserver, IAsyncDisposable
{
    private readonly IChallengerShadowStore _store;
    private readonly ModelRegistry? _registry;
    private readonly AgentDefinition _agent;
    private readonly ChallengerShadowOptions _options;
    private readonly TimeProvider _time;
    private readonly OutcomeJudge _judge;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<IModelAdapter> _retired = [];
    private readonly Task _worker;
    private IModelAdapter? _challenger;
    private Task? _outstanding;
    private long _pending;
    private long _answered;
    private long _failed;
    private long _timedOut;
    private long _dropped;
    private long _storeFailures;

    private ChallengerShadow(IChallengerShadowStore store, ModelRegistry? registry, AgentDefinition agent, IModelAdapter? challenger, ChallengerShadowOptions options, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPendingCases, 1, nameof(options));
        _store = store;
        _registry = registry;
        _agent = agent;
        _options = options;
        _time = time;
        _judge = new OutcomeJudge(agent.ErrorSeverity);
        _challenger = challenger;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>The challenger version now in shadow; null when the agent has none.</summary>
    public string? Version => Volatile.Read(ref _challenger)?.Version;

    /// <summary>What it has done so far.</summary>
    public ChallengerShadowCounters Counters => new(Interlocked.Read(ref _answered), Interlocked.Read(ref _failed), Interlocked.Read(ref _timedOut), Interlocked.Read(ref _dropped), Interlocked.Read(ref _storeFailures));

    /// <summary>Runs <paramref name="challenger"/> in shadow as it is (already loaded and trusted by the caller).</summary>
    public static ChallengerShadow Start(IChallengerShadowStore store, AgentDefinition agent, IModelAdapter challenger, ChallengerShadowOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return new ChallengerShadow(store, null, agent, challenger, options, time);
    }

    /// <summary>
    /// Runs whatever version the registry names the agent's challenger, loaded only through verification; call
    /// <see cref="FollowChallengerAsync"/> after the alias changes. With no challenger, decisions are not queued.
    /// </summary>
    public static async Task<ChallengerShadow> StartAsync(ModelRegistry registry, IChallengerShadowStore store, AgentDefinition agent, ChallengerShadowOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var shadow = new ChallengerShadow(store, registry, agent, null, options, time);
        await shadow.FollowChallengerAsync(cancellationToken).ConfigureAwait(false);
        return shadow;
    }

    /// <summary>
    /// Loads the version the registry now names challenger (or stops shadowing when none). Returns false when that
    /// version does not verify: nothing then runs in shadow, since an unverified model is never loaded.
    /// </summary>
    public async Task<bool> FollowChallengerAsync(CancellationToken cancellationToken = default)
    {
        if (_registry is null)
        {
            throw new InvalidOperationException("This shadow runs a challenger it was given; it does not follow the registry.");
        }

        var version = await _registry.GetAliasAsync(_agent.Id, ModelAliases.Challenger, cancellationToken).ConfigureAwait(false);
        if (version == Version)
        {
            return true;
        }

        IModelAdapter? next = null;
        var loaded = true;
        if (version is not null)
        {
            try
            {
                next = await VerifiedModelLoader.LoadAsync(_registry, _agent.Id, version, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ModelIntegrityException or InvalidDataException or NotSupportedException or KeyNotFoundException)
            {
                loaded = false;
            }
        }

        // The worker may still hold the old model for a batch in flight: it is disposed at the end, not now.
        if (Interlocked.Exchange(ref _challenger, next) is { } old)
        {
            lock (_retired)
            {
                _retired.Add(old);
            }
        }

        return loaded;
    }

    /// <inheritdoc />
    public void Journalled(IReadOnlyList<DecisionRecord> stored)
    {
        if (stored is null || stored.Count == 0 || Volatile.Read(ref _challenger) is null)
        {
            return;
        }

        if (Interlocked.Add(ref _pending, stored.Count) > _options.MaxPendingCases || !_queue.Writer.TryWrite(new Work(stored, null)))
        {
            Interlocked.Add(ref _pending, -stored.Count);
            Interlocked.Add(ref _dropped, stored.Count);
        }
    }

    /// <summary>Waits until every batch queued so far has been answered and stored (for reports and tests).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Work(null, drained)))
        {
            return;
        }

        await drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finishes the batches already queued, then stops and disposes the models it loaded.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        var models = new List<IModelAdapter>();
        lock (_retired)
        {
            models.AddRange(_retired);
            _retired.Clear();
        }

        if (_registry is not null && Interlocked.Exchange(ref _challenger, null) is { } current)
        {
            models.Add(current);
        }

        foreach (var model in models)
        {
            await model.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        await foreach (var work in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (work.Drained is { } drained)
            {
                drained.TrySetResult();
                continue;
            }

            var batch = work.Batch!;
            try
            {
                var model = Volatile.Read(ref _challenger);
                if (model is null)
                {
                    Interlocked.Add(ref _dropped, batch.Count);
                    continue;
                }

                var proposals = new List<ShadowProposal>(batch.Count);
                foreach (var record in batch)
                {
                    proposals.Add(await ProposeAsync(model, record).ConfigureAwait(false));
                }

                await StoreAsync(proposals).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Add(ref _pending, -batch.Count);
            }
        }
    }

    private async Task<ShadowProposal> ProposeAsync(IModelAdapter model, DecisionRecord record)
    {
        var started = _time.GetTimestamp();
        var result = ShadowCallResult.Answered;
        ModelOutput? output = null;
        string? error = null;
        if (_outstanding is { IsCompleted: false })
        {
            result = ShadowCallResult.TimedOut;
            error = "an earlier call has not returned; no new call is made";
        }
        else
        {
            using var abandon = new CancellationTokenSource();
            // On a worker thread, so a model that blocks inside PredictAsync still cannot hold the shadow past its timeout.
            var call = Task.Run(() => model.PredictAsync(record.Case.Features, abandon.Token).AsTask(), CancellationToken.None);
            try
            {
                output = await call.WaitAsync(_options.Timeout, _time, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await abandon.CancelAsync().ConfigureAwait(false);
                _outstanding = call;
                result = ShadowCallResult.TimedOut;
                error = $"no answer within {_options.Timeout.TotalMilliseconds} ms";
            }
#pragma warning disable CA1031 // Whatever the challenger throws is counted, never propagated to the champion's path.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                result = ShadowCallResult.Failed;
                error = $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        var latency = _time.GetElapsedTime(started);
        switch (result)
        {
            case ShadowCallResult.Answered:
                Interlocked.Increment(ref _answered);
                break;
            case ShadowCallResult.Failed:
                Interlocked.Increment(ref _failed);
                break;
            default:
                Interlocked.Increment(ref _timedOut);
                break;
        }

        var champion = record.Proposal.Action.Name;
        var action = output?.Action.Name;
        var high = action is not null && action != champion
            && (_judge.SeverityOf(action, champion) == Severity.High || _judge.SeverityOf(champion, action) == Severity.High);
        return new ShadowProposal(
            record.Case.CaseId,
            _agent.Id,
            model.Version,
            record.Proposal.ModelVersion,
            champion,
            result,
            action,
            output?.Confidence,
            high,
            error,
            latency,
            _options.Slices?.Invoke(record) ?? new Dictionary<string, string>(),
            _time.GetUtcNow());
    }

    private async Task StoreAsync(List<ShadowProposal> proposals)
    {
        try
        {
            await _store.AppendShadowProposalsAsync(proposals, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A store failure loses shadow evidence only; the worker must keep serving later batches.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _storeFailures);
        }
    }

    private sealed record Work(IReadOnlyList<DecisionRecord>? Batch, TaskCompletionSource? Drained);
}
