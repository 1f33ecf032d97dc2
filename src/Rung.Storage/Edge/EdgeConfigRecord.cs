namespace Rung.Storage.Edge;

/// <summary>An agent's configuration as published to edges.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Scope">Its scope: edges whose zone covers it receive it.</param>
/// <param name="Version">Increases with every publication.</param>
/// <param name="UseCaseYaml">The use-case file's text.</param>
/// <param name="PublishedAt">When.</param>
/// <param name="PublishedBy">Who.</param>
public sealed record EdgeConfigRecord(string AgentId, string Scope, int Version, string UseCaseYaml, DateTimeOffset PublishedAt, string PublishedBy);
