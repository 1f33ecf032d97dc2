using Rung.Core.Cases;
using Rung.Core.Proposals;
using Rung.Core.UseCases;
using Rung.Models;

namespace Rung.Runtime.Agents;

/// <summary>
/// Asks the model and turns its answer into a proposal with the use case's severity class and the measured
/// latency. A model that fails or times out yields the use case's safe default with zero confidence, so no
/// automatic stage can commit it.
/// </summary>
internal sealed class ProposalMaker(AgentDefinition agent, IModelAdapter model, TimeProvider time)
{
    private readonly Dictionary<string, ActionDefinition> _actions = agent.Actions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public async ValueTask<(Proposal Proposal, string? Failure)> ProposeAsync(FeatureVector features, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var output = ModelAnswerCheck.Checked(await model.PredictAsync(features, cancellationToken).ConfigureAwait(false));
            var latency = time.GetElapsedTime(started);
            return (new Proposal(output.Action, output.Confidence, output.OutOfDistribution, SeverityOf(output.Action), output.Explanation, model.Version, latency), null);
        }
        catch (ModelCallException ex)
        {
            var fallback = new ProposedAction(agent.DefaultAction);
            var proposal = new Proposal(fallback, 0, false, SeverityOf(fallback), [], model.Version, time.GetElapsedTime(started));
            return (proposal, ModelFailureReason.Format(ex.Failure.ToString(), ex.Message, agent.DefaultAction));
        }
    }

    // An action the use case does not declare is treated as the worst kind; the guard refuses it anyway.
    private Severity SeverityOf(ProposedAction action) =>
        !_actions.TryGetValue(action.Name, out var definition) ? Severity.High
        : definition.HighSeverityAbove is { } limit && action.Value is { } value && !(value <= limit) ? Severity.High
        : definition.Severity;
}
