using Rung.Core.Ladder;

namespace Rung.Storage.Journal;

/// <summary>An agent as stored: its identity, the use case it serves and its current stage.</summary>
/// <param name="AgentId">Unique agent id.</param>
/// <param name="UseCaseId">The use case.</param>
/// <param name="Scope">ISA-95 scope.</param>
/// <param name="Stage">The current stage (the latest stage change's target).</param>
/// <param name="StageSince">When the current stage began.</param>
/// <param name="DefinitionJson">The use-case definition the agent was created from, as JSON, for inspection.</param>
public sealed record AgentRecord(string AgentId, string UseCaseId, string Scope, Stage Stage, DateTimeOffset StageSince, string DefinitionJson);
