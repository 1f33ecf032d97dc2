using Rung.Core.Cases;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;

namespace Rung.Storage.Journal;

/// <summary>
/// Everything decided about one case, written as one durable append: the case, the model's proposal,
/// the stage it was decided on, the policy's verdict and, when routed to people, its exception item.
/// </summary>
/// <param name="Case">The case and its inputs.</param>
/// <param name="Proposal">The model's answer.</param>
/// <param name="Stage">The agent's stage when it decided.</param>
/// <param name="Decision">The disposition and its reasons.</param>
/// <param name="DecidedAt">When the decision was taken (UTC).</param>
/// <param name="Exception">The exception item when the disposition is Excepted, otherwise null.</param>
public sealed record DecisionRecord(
    Case Case,
    Proposal Proposal,
    Stage Stage,
    PolicyDecision Decision,
    DateTimeOffset DecidedAt,
    ExceptionItem? Exception);
