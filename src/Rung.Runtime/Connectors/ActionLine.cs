using System.Text.Json.Serialization;

namespace Rung.Runtime.Connectors;

/// <summary>One committed action as written to the actions file.</summary>
/// <param name="CaseId">The case, and the idempotency key for the target system.</param>
/// <param name="AgentId">The agent that committed it.</param>
/// <param name="Action">The action name.</param>
/// <param name="Target">The target, or null for the agent's default.</param>
/// <param name="Value">The value, or null.</param>
/// <param name="CommittedAt">When it was committed (UTC).</param>
public sealed record ActionLine(string CaseId, string AgentId, string Action, string? Target, double? Value, DateTimeOffset CommittedAt);

/// <summary>Source-generated JSON for <see cref="ActionLine"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ActionLine))]
public sealed partial class ActionLineContext : JsonSerializerContext;
