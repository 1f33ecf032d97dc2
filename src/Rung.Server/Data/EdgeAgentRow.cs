namespace Rung.Server.Data;

/// <summary>An agent an edge runs, as the server published it to the edge's zone.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Scope">Its ISA-95 scope.</param>
/// <param name="ModelVersion">The model version the edge's heartbeat reports for it; null when the report cannot be matched to agents.</param>
public sealed record EdgeAgentRow(string AgentId, string Scope, string? ModelVersion);
