namespace Rung.Runtime.Notifications;

/// <summary>
/// One page about one alarm, addressed to one person (the agent's named owner, or the backup on escalation).
/// Channels send it as it is; they never decide whether to page.
/// </summary>
/// <param name="AlarmId">The alarm; with <see cref="Kind"/> it is the delivery key receivers deduplicate on.</param>
/// <param name="AgentId">The agent the alarm is about.</param>
/// <param name="UseCaseId">The agent's use case.</param>
/// <param name="Rule">The rule that fired, for example <c>slo.alert_line</c> or <c>exceptions.sla_at_risk</c>.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Title">One line for a subject or a phone notification.</param>
/// <param name="Detail">What happened, for a person, in a few sentences.</param>
/// <param name="Evidence">The numbers behind the alarm (name to value), in the order they should be shown.</param>
/// <param name="Runbook">What to do, or a link to it; empty when there is none.</param>
/// <param name="Recipient">The user id of the person paged.</param>
/// <param name="Kind">Raised, escalated, resolved or a test page.</param>
/// <param name="At">When the alarm engine decided to page.</param>
public sealed record Page(
    string AlarmId,
    string AgentId,
    string UseCaseId,
    string Rule,
    PageSeverity Severity,
    string Title,
    string Detail,
    IReadOnlyDictionary<string, string> Evidence,
    string Runbook,
    string Recipient,
    PageKind Kind,
    DateTimeOffset At)
{
    /// <summary>
    /// The idempotency key <c>alarm-id:kind</c> (kind in snake case), the same on every attempt and every channel,
    /// so a receiver can drop a page it already has.
    /// </summary>
    public string DeliveryId => $"{AlarmId}:{PageNames.Of(Kind)}";
}
