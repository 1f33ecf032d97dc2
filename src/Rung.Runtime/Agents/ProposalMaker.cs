using Rung.Core.Cases;
using Rung.Core.Proposals;
using Rung.Core.UseCases;
using Rung.Models;
using Rung.Runtime.Models;

namespace Rung.Runtime.Agents;

/// <summary>
/// Asks the model and turns its answer into a proposal with the use case's severity class and the measured
/// latency. A model that fails or times out yields the use case's safe default with zero confidence, so no
/// automatic stage can commit it. A model that answers batches (<see cref="IBatchModelAdapter"/>, an OIP server)
/// is asked once for a whole batch of cases through <see cref="PrepareAsync"/>; the proposals are then handed
/// out case by case in the same order, so the decision path stays one straight line per case. The model is fixed
/// for a batch at <see cref="PrepareAsync"/>: a model that switches versions underneath (<see cref="ISwitchingModel"/>)
/// answers the whole batch with the version it had when the batch began.
/// </summary>
internal sealed class ProposalMaker(AgentDefinition agent, IModelAdapter model, TimeProvider time)
{
    private readonly Dictionary<string, ActionDefinition> _actions = agent.Actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
    private readonly Queue<Prepared> _prepared = new();
    private IModelAdapter _model = model;
    private IModelAdapter _batch = Pin(model);

    /// <summary>The version the next batch is decided with.</summary>
    public string ModelVersion => Pin(Volatile.Read(ref _model)).Version;

    /// <summary>Decides the next batches with <paramref name="next"/>; called between batches.</summary>
    public void Use(IModelAdapter next)
    {
        Volatile.Write(ref _model, next);
        _prepared.Clear();
    }

    /// <summary>
    /// Asks a batch model once for the answers on <paramref name="features"/>, the cases about to be decided in
    /// this order. Does nothing for a model that answers one case at a time, or for a single case. A failed batch
    /// call gives every case of the batch the safe default, as a failed single call does.
    /// </summary>
    public async ValueTask PrepareAsync(IReadOnlyList<FeatureVector> features, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        _prepared.Clear();
        _batch = Pin(Volatile.Read(ref _model));
        if (_batch is not IBatchModelAdapter batch || features.Count < 2)
        {
            return;
        }

        var started = time.GetTimestamp();
        try
        {
            var outputs = await batch.PredictBatchAsync(features, cancellationToken).ConfigureAwait(false);
            if (outputs.Count != features.Count)
            {
                throw new ModelCallException(ModelFailure.InvalidAnswer, $"The model answered {outputs.Count} of {features.Count} cases in one batch.");
            }

            // Each case waited for the whole batch call: that is its latency.
            var latency = time.GetElapsedTime(started);
            for (var i = 0; i < features.Count; i++)
            {
                _prepared.Enqueue(new Prepared(features[i], outputs[i], null, latency));
            }
        }
        catch (ModelCallException ex)
        {
            var latency = time.GetElapsedTime(started);
            foreach (var f in features)
            {
                _prepared.Enqueue(new Prepared(f, null, ex, latency));
            }
        }
    }

    public async ValueTask<(Proposal Proposal, string? Failure)> ProposeAsync(FeatureVector features, CancellationToken cancellationToken)
    {
        if (_prepared.TryDequeue(out var prepared) && Same(prepared.Features, features))
        {
            if (prepared.Output is null)
            {
                return Fallback(prepared.Failure!, prepared.Latency);
            }

            // One bad answer in a batch costs only its own case the safe default.
            try
            {
                return (FromOutput(ModelAnswerCheck.Checked(prepared.Output), prepared.Latency), null);
            }
            catch (ModelCallException ex)
            {
                return Fallback(ex, prepared.Latency);
            }
        }

        // Out of step with the prepared batch (never expected): ask case by case from here on.
        _prepared.Clear();
        var started = time.GetTimestamp();
        try
        {
            var output = ModelAnswerCheck.Checked(await _batch.PredictAsync(features, cancellationToken).ConfigureAwait(false));
            return (FromOutput(output, time.GetElapsedTime(started)), null);
        }
        catch (ModelCallException ex)
        {
            return Fallback(ex, time.GetElapsedTime(started));
        }
    }

    private Proposal FromOutput(ModelOutput output, TimeSpan latency) =>
        new(output.Action, output.Confidence, output.OutOfDistribution, SeverityOf(output.Action), output.Explanation, _batch.Version, latency);

    private (Proposal Proposal, string? Failure) Fallback(ModelCallException ex, TimeSpan latency)
    {
        var fallback = new ProposedAction(agent.DefaultAction);
        var proposal = new Proposal(fallback, 0, false, SeverityOf(fallback), [], _batch.Version, latency);
        return (proposal, ModelFailureReason.Format(ex.Failure.ToString(), ex.Message, agent.DefaultAction));
    }

    private static IModelAdapter Pin(IModelAdapter model) => model is ISwitchingModel switching ? switching.Current : model;

    private static bool Same(FeatureVector a, FeatureVector b) =>
        ReferenceEquals(a, b)
        || (a.Values.Count == b.Values.Count
            && a.Values.All(v => b.Values.TryGetValue(v.Key, out var other) && other.Equals(v.Value))
            && a.Flags.SequenceEqual(b.Flags));

    // An action the use case does not declare is treated as the worst kind; the guard refuses it anyway.
    private Severity SeverityOf(ProposedAction action) =>
        !_actions.TryGetValue(action.Name, out var definition) ? Severity.High
        : definition.HighSeverityAbove is { } limit && action.Value is { } value && !(value <= limit) ? Severity.High
        : definition.Severity;

    private sealed record Prepared(FeatureVector Features, ModelOutput? Output, ModelCallException? Failure, TimeSpan Latency);
}
