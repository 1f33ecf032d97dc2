namespace Rung.Storage.Replication;

/// <summary>An agent made from a use-case template: the portfolio's evidence of reuse.</summary>
/// <param name="AgentId">The new agent.</param>
/// <param name="TemplateId">The template it was made from.</param>
/// <param name="ChampionVersion">The template's champion model the agent started with.</param>
/// <param name="SourceAgentId">The agent the template was exported from.</param>
/// <param name="Site">The new site.</param>
/// <param name="Line">The new line.</param>
/// <param name="CreatedAt">When the instance was created (UTC): the start of its time to production.</param>
/// <param name="CreatedBy">Who created it.</param>
public sealed record TemplateInstance(string AgentId, string TemplateId, string ChampionVersion, string SourceAgentId, string Site, string Line, DateTimeOffset CreatedAt, string CreatedBy);
