using System.Text.Json;

namespace Rung.Runtime.Notifications;

/// <summary>
/// The JSON form of a page, as POSTed by <see cref="WebhookChannel"/> and appended by <see cref="FileChannel"/>.
/// Property names are snake case; severity and kind are their <see cref="PageNames"/> wire names. The schema is
/// documented in docs/notifications.md; fields are only ever added, never renamed, within one <see cref="Version"/>.
/// </summary>
/// <param name="Version">The schema version, 1.</param>
/// <param name="DeliveryId">The idempotency key <c>alarm-id:kind</c>.</param>
/// <param name="AlarmId">The alarm.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="UseCaseId">The use case.</param>
/// <param name="Rule">The rule that fired.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="Kind"><c>raised</c>, <c>escalated</c>, <c>resolved</c> or <c>test_page</c>.</param>
/// <param name="Title">One line.</param>
/// <param name="Detail">What happened.</param>
/// <param name="Evidence">The numbers behind the alarm.</param>
/// <param name="Runbook">What to do; may be empty.</param>
/// <param name="Recipient">The user id paged.</param>
/// <param name="At">When the page was decided.</param>
public sealed record PageMessage(
    int Version,
    string DeliveryId,
    string AlarmId,
    string AgentId,
    string UseCaseId,
    string Rule,
    string Severity,
    string Kind,
    string Title,
    string Detail,
    IReadOnlyDictionary<string, string> Evidence,
    string Runbook,
    string Recipient,
    DateTimeOffset At)
{
    /// <summary>The current schema version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The JSON form of a page.</summary>
    public static PageMessage From(Page page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new PageMessage(
            CurrentVersion,
            page.DeliveryId,
            page.AlarmId,
            page.AgentId,
            page.UseCaseId,
            page.Rule,
            PageNames.Of(page.Severity),
            PageNames.Of(page.Kind),
            page.Title,
            page.Detail,
            page.Evidence,
            page.Runbook,
            page.Recipient,
            page.At);
    }

    /// <summary>The page as compact UTF-8 JSON, one line.</summary>
    public static byte[] SerializeToUtf8(Page page) =>
        JsonSerializer.SerializeToUtf8Bytes(From(page), PageMessageContext.Default.PageMessage);
}
