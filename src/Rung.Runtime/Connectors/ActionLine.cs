using System.Text.Json.Serialization;

namespace Rung.Runtime.Connectors;

/// <summary>One committed action as written to the actions file and as the payload of an MQTT command.</summary>
/// <param name="CaseId">The case, and the idempotency key for the target system.</param>
/// <param name="AgentId">The agent that committed it.</param>
/// <param name="Action">The action name.</param>
/// <param name="Target">The target, or null for the agent's default.</param>
/// <param name="Value">The value, or null.</param>
/// <param name="CommittedAt">When it was committed (UTC).</param>
/// <param name="ValidUntil">
/// The last moment (UTC) the action may still be carried out, or null when it has no window. A consumer that
/// receives the command after it must discard it: the sender has already turned the action into an exception item.
/// Left out of the JSON when null, so older consumers and files read as before.
/// </param>
public sealed record ActionLine(
    string CaseId,
    string AgentId,
    string Action,
    string? Target,
    double? Value,
    DateTimeOffset CommittedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ValidUntil = null);

/// <summary>Source-generated JSON for <see cref="ActionLine"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ActionLine))]
public sealed partial class ActionLineContext : JsonSerializerContext;
