using Rung.Core.Ladder;

namespace Rung.Edge.Protocol;

/// <summary>One agent's configuration as the server hands it to an edge.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Scope">Its scope.</param>
/// <param name="Version">The publication's version.</param>
/// <param name="Stage">The agent's stage on the server: the edge decides on it.</param>
/// <param name="UseCaseYaml">The use-case file's text.</param>
public sealed record EdgeAgentConfig(string AgentId, string Scope, int Version, Stage Stage, string UseCaseYaml);
