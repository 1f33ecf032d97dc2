using System.Data.Common;
using Rung.Core.Ladder;
using Rung.Storage.Journal;
using Rung.Storage.Replication;

namespace Rung.Storage.Sqlite;

/// <summary>Checks, writes and reads template_instances rows; shared by both stores.</summary>
internal static class TemplateInstanceRows
{
    public const string Insert = """
        INSERT INTO template_instances (agent_id, template_id, champion_version, source_agent_id, site, line, created_at, created_by)
        VALUES (@agent_id, @template_id, @champion, @source, @site, @line, @at, @by);
        """;

    public const string SelectAll = """
        SELECT agent_id, template_id, champion_version, source_agent_id, site, line, created_at, created_by
        FROM template_instances ORDER BY created_at, agent_id;
        """;

    /// <exception cref="ArgumentException">The records disagree or a field is empty.</exception>
    public static void Validate(AgentRecord agent, StageChange initial, TemplateInstance instance)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrWhiteSpace(agent.AgentId, nameof(agent));
        foreach (var (value, name) in new[] { (instance.TemplateId, "TemplateId"), (instance.ChampionVersion, "ChampionVersion"), (instance.SourceAgentId, "SourceAgentId"), (instance.Site, "Site"), (instance.Line, "Line"), (instance.CreatedBy, "CreatedBy") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"The template instance's {name} is empty.", nameof(instance));
            }
        }

        if (instance.AgentId != agent.AgentId || initial.AgentId != agent.AgentId)
        {
            throw new ArgumentException($"The agent '{agent.AgentId}', its initial change ('{initial.AgentId}') and its template record ('{instance.AgentId}') must name the same agent.", nameof(instance));
        }

        if (initial.Kind != StageChangeKind.Initial || initial.To != agent.Stage)
        {
            throw new ArgumentException($"Agent '{agent.AgentId}' must be created with an Initial stage change to its stage {agent.Stage}.", nameof(initial));
        }
    }

    public static InvalidOperationException AgentExists(string agentId) =>
        new($"Agent '{agentId}' already exists; an instance needs a new agent id.");

    /// <summary>The insert's parameter values, by name, for either provider's command.</summary>
    public static IEnumerable<(string Name, object? Value)> Parameters(TemplateInstance instance) =>
    [
        ("@agent_id", instance.AgentId),
        ("@template_id", instance.TemplateId),
        ("@champion", instance.ChampionVersion),
        ("@source", instance.SourceAgentId),
        ("@site", instance.Site),
        ("@line", instance.Line),
        ("@at", DbTime.ToDb(instance.CreatedAt)),
        ("@by", instance.CreatedBy),
    ];

    public static TemplateInstance Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), DbValues.GetTime(reader, 6), reader.GetString(7));
}
