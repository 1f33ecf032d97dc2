using Rung.Core.Alarms;
using Rung.Core.Outcomes;
using Rung.Core.UseCases;
using Rung.Mqtt;
using Rung.Mqtt.Topics;
using Rung.Runtime.Agents;
using Rung.Storage.Journal;
using Rung.Uns;
using Rung.Uns.Contracts;
using Rung.Uns.Mqtt;
using Rung.Uns.Sparkplug;

namespace Rung.Runtime.Plant;

/// <summary>
/// Feeds one agent from the namespace: subscribes to its contract's tags, trigger, outcome and context topics (and
/// <c>spBv1.0/#</c> when a tag is a Sparkplug metric path), assembles cases with <see cref="UnsCaseAssembler"/>, and
/// hands them to the <see cref="AgentRuntime"/> in batches, then the outcomes. A case's unusable required inputs
/// (stale, missing, out of range, bad) reach the runtime as missing values, so the data contract flags them as
/// blocking and the stage policy never commits such a case automatically. One loop: the runtime, the assembler
/// and the Sparkplug host are called from <see cref="RunAsync"/> only.
/// </summary>
public sealed class UnsCaseSource
{
    private readonly MqttClient _client;
    private readonly AgentRuntime _runtime;
    private readonly TimeProvider _time;
    private readonly UnsCaseSourceOptions _options;
    private readonly UnsContractDefinition _contract;
    private readonly UnsCaseAssembler _assembler;
    private readonly SparkplugHost _sparkplug;
    private readonly string[] _tagFilters;
    private int _connectionLost;

    /// <summary>Builds the source; call <see cref="SubscribeAsync"/> and then <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">The agent has no contract, or the contract does not fit its inputs.</exception>
    public UnsCaseSource(MqttClient client, AgentRuntime runtime, TimeProvider time, UnsCaseSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _runtime = runtime;
        _time = time;
        _options = options ?? new UnsCaseSourceOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBatch, 1, nameof(options));
        var agent = runtime.UseCase.Agent;
        _contract = agent.Contract ?? throw new ArgumentException($"agent '{agent.Id}' has no contract section: nothing to read from the namespace", nameof(runtime));
        _assembler = UnsCaseAssembler.For(agent);
        _sparkplug = new SparkplugHost(new MqttUnsPublisher(client), time);
        _tagFilters = [.. _contract.Tags.Select(t => t.Tag)];
        client.StateChanged += (_, e) =>
        {
            if (e.State == MqttConnectionState.Reconnecting)
            {
                Interlocked.Exchange(ref _connectionLost, 1);
            }
        };
    }

    /// <summary>What happened so far.</summary>
    public UnsCaseSourceCounters Counters { get; } = new();

    /// <summary>The assembler's own counts (duplicates, out-of-order values, dropped outcomes).</summary>
    public AssemblyCounters AssemblyCounters => _assembler.Counters;

    /// <summary>Raised on the loop after each batch was journalled, delivered and published.</summary>
    public event EventHandler<IReadOnlyList<DecisionRecord>>? Decided;

    /// <summary>The topic filters a contract needs: tags, trigger, outcome, context, and <c>spBv1.0/#</c> for Sparkplug paths.</summary>
    public static IReadOnlyList<string> SubscriptionFilters(UnsContractDefinition contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var topics = contract.Tags.Select(t => t.Tag).Append(contract.Trigger);
        if (contract.Outcome is { } outcome)
        {
            topics = topics.Append(outcome.Topic);
        }

        topics = topics.Concat(contract.Context.Select(c => c.Topic));
        var filters = new List<string>();
        foreach (var topic in topics)
        {
            var filter = SparkplugTopic.IsSparkplug(topic) ? SparkplugTopic.Namespace + "/#" : topic;
            if (!filters.Contains(filter, StringComparer.Ordinal))
            {
                filters.Add(filter);
            }
        }

        return filters;
    }

    /// <summary>Subscribes to the contract's topics at QoS 1 and publishes the agent's retained state.</summary>
    /// <exception cref="InvalidOperationException">The broker refused a subscription; the message names the filter.</exception>
    public async Task SubscribeAsync(CancellationToken cancellationToken = default)
    {
        var filters = SubscriptionFilters(_contract);
        var granted = await _client.SubscribeAsync([.. filters.Select(f => new MqttSubscription(f))], cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < filters.Count; i++)
        {
            if (granted[i] is null)
            {
                throw new InvalidOperationException($"the broker refused the subscription to '{filters[i]}' for agent '{_runtime.AgentId}'");
            }
        }

        await PublishStateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads messages until the client stops or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var reader = _client.Messages;
        var cases = new List<UnsCase>();
        var outcomes = new List<CaseOutcome>();
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (cases.Count < _options.MaxBatch && reader.TryRead(out var message))
            {
                await ApplyAsync(message, cases, outcomes, cancellationToken).ConfigureAwait(false);
            }

            if (_options.Turn is { } turn)
            {
                await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await DecideAsync(cases, outcomes, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _options.Turn?.Release();
            }

            cases.Clear();
            outcomes.Clear();
        }
    }

    private async ValueTask ApplyAsync(MqttMessage message, List<UnsCase> cases, List<CaseOutcome> outcomes, CancellationToken cancellationToken)
    {
        Counters.Message();
        if (Interlocked.Exchange(ref _connectionLost, 0) == 1)
        {
            foreach (var stale in _sparkplug.ConnectionLost(_time.GetUtcNow()))
            {
                Collect(_assembler.Accept(stale), cases, outcomes);
            }
        }

        var uns = new UnsMessage(message.Topic, message.Payload, _time.GetUtcNow());
        if (SparkplugTopic.IsSparkplug(message.Topic))
        {
            var update = await _sparkplug.HandleAsync(uns, cancellationToken).ConfigureAwait(false);
            foreach (var value in update.Values)
            {
                Collect(_assembler.Accept(value), cases, outcomes);
            }

            return;
        }

        // A retained trigger is an old event the broker replays on subscribe, not a part that just finished.
        if (message.Retain && TopicFilter.MatchesValidated(_contract.Trigger, message.Topic)
            && !_tagFilters.Any(f => TopicFilter.MatchesValidated(f, message.Topic)))
        {
            Counters.RetainedTrigger();
            return;
        }

        Collect(_assembler.Accept(uns), cases, outcomes);
    }

    private void Collect(AssemblyResult result, List<UnsCase> cases, List<CaseOutcome> outcomes)
    {
        if (result.Problem is { } problem)
        {
            Counters.Refuse(problem);
        }

        cases.AddRange(result.Cases);
        outcomes.AddRange(result.Outcomes);
    }

    private async Task DecideAsync(List<UnsCase> cases, List<CaseOutcome> outcomes, CancellationToken cancellationToken)
    {
        IReadOnlyList<DecisionRecord> stored = [];
        var alarms = new List<AlarmEvent>();
        if (cases.Count > 0)
        {
            // UnsCase.Values leaves every unusable input out: the runtime's data contract flags a required one as
            // blocking, the same path that keeps a missing REST or CSV value from automatic commit.
            var inputs = cases.Select(c => new CaseInput(c.CaseId, c.OccurredAt, c.Values)).ToList();
            var decided = await _runtime.DecideAsync(inputs, cancellationToken).ConfigureAwait(false);
            foreach (var (_, result) in decided)
            {
                Counters.Case(result == AppendResult.Stored);
            }

            stored = [.. decided.Where(d => d.Result == AppendResult.Stored).Select(d => d.Record)];
            CollectAlarms(alarms);
        }

        foreach (var outcome in outcomes)
        {
            await RecordOutcomeAsync(outcome, cancellationToken).ConfigureAwait(false);
            CollectAlarms(alarms);
        }

        if (_options.Publisher is { } publisher)
        {
            await publisher.PublishProposalsAsync(stored, cancellationToken).ConfigureAwait(false);
            await publisher.PublishAlarmsAsync(alarms, cancellationToken).ConfigureAwait(false);
        }

        await PublishStateAsync(cancellationToken).ConfigureAwait(false);
        if (stored.Count > 0)
        {
            Decided?.Invoke(this, stored);
        }
    }

    // The watch keeps only the latest check's events, and every runtime call checks: take them after each call.
    private void CollectAlarms(List<AlarmEvent> alarms)
    {
        if (_runtime.Watch is { } watch)
        {
            alarms.AddRange(watch.LastEvents.Select(e => e.Event));
        }
    }

    private async Task RecordOutcomeAsync(CaseOutcome outcome, CancellationToken cancellationToken)
    {
        var label = new Outcome(outcome.CaseId, _options.OutcomeSource, outcome.Value, outcome.At, _options.OutcomeActor);
        try
        {
            await _runtime.RecordOutcomesAsync([label], cancellationToken).ConfigureAwait(false);
            Counters.Outcome(known: true);
        }
        catch (KeyNotFoundException e)
        {
            // The assembler joined it to a case this runtime never journalled (a key reused across restarts).
            Counters.Outcome(known: false);
            Counters.Refuse(e.Message);
        }
    }

    private ValueTask PublishStateAsync(CancellationToken cancellationToken) =>
        _options.Publisher?.PublishStateAsync(_runtime.Stage, _runtime.StageSince, _runtime.Slo, cancellationToken) ?? ValueTask.CompletedTask;
}
